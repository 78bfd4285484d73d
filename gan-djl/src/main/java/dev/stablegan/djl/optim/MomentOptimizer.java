package dev.stablegan.djl.optim;

import ai.djl.ndarray.NDArray;
import dev.stablegan.api.OptimizerSpec;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared machinery of optimizers whose state per parameter is a step count and a few float32 arrays the
 * shape of the parameter (moments), updated in place.
 *
 * <p>State is kept per position in the parameter list given to {@link #step} and checked against each
 * parameter's id, so one optimizer serves one network whose parameter list is always passed in the same order
 * (such as {@code Networks.parameters(block)}). After {@link #load}, the restored state is bound to the next
 * step's parameters by position, checking shapes (ids change between processes).
 *
 * <p>Each update runs in an {@link NDScope}, so the gradient wrapper, scalars and temporaries are closed
 * before {@code step} returns and neither the parameters' manager nor the state manager grows. After its
 * update a parameter's gradient is set to zero, as DJL's own optimizers do, so the next backward starts
 * afresh. Parameters that do not require a gradient (frozen, or BatchNorm running statistics) are skipped.
 *
 * <p>Stream format of {@link #save}: int magic {@code 0x53474F53} ("SGOS"), int version 1, UTF kind, int
 * moments per parameter, int parameter count, then per parameter: int rank, long dims, long step count,
 * boolean has-moments and, if so, for each moment an int element count and that many little-endian float32.
 */
abstract class MomentOptimizer<S extends OptimizerSpec> implements ParameterOptimizer {

    private static final int MAGIC = 0x53474F53;
    private static final int FORMAT_VERSION = 1;
    private static final int MAX_RANK = 16;

    private final S spec;
    private final String kind;
    private final int momentCount;
    private final NDManager manager;
    private List<Slot> slots;
    private boolean closed;

    MomentOptimizer(S spec, String kind, int momentCount, NDManager stateManager) {
        this.spec = spec;
        this.kind = kind;
        this.momentCount = momentCount;
        this.manager = stateManager.newSubManager();
    }

    /**
     * Updates {@code weight} in place from {@code gradient}, and {@code moments} in place; {@code step} is the
     * parameter's step count including this one (1 on the first update).
     */
    abstract void update(NDArray weight, NDArray gradient, NDArray[] moments, long step, double learningRate);

    /** The hyperparameters this optimizer was made with. */
    public final S spec() {
        return spec;
    }

    @Override
    public final void step(List<Parameter> parameters, double lrFactor) {
        checkOpen();
        if (!Double.isFinite(lrFactor) || lrFactor < 0) {
            throw new IllegalArgumentException("lrFactor: must be a finite number >= 0, got " + lrFactor);
        }
        bind(parameters);
        double learningRate = spec.learningRate() * lrFactor;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            if (!parameter.requiresGradient()) {
                continue;
            }
            Slot slot = slots.get(i);
            NDArray weight = parameter.getArray();
            if (slot.moments == null) {
                slot.moments = new NDArray[momentCount];
                for (int k = 0; k < momentCount; k++) {
                    slot.moments[k] = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
                }
            }
            slot.step++;
            try (NDScope scope = new NDScope()) {
                NDArray gradient = weight.getGradient();
                update(weight, gradient, slot.moments, slot.step, learningRate);
                gradient.subi(gradient);
                scope.suppressNotUsedWarning();
            }
        }
    }

    private void bind(List<Parameter> parameters) {
        if (slots == null) {
            slots = new ArrayList<>(parameters.size());
            for (Parameter parameter : parameters) {
                Slot slot = new Slot(initializedShape(parameter));
                slot.id = parameter.getId();
                slots.add(slot);
            }
            return;
        }
        if (slots.size() != parameters.size()) {
            throw new IllegalArgumentException(kind + ": state is for " + slots.size() + " parameters, got "
                    + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            Slot slot = slots.get(i);
            if (slot.id == null) {
                Shape shape = initializedShape(parameter);
                if (!shape.equals(slot.shape)) {
                    throw new IllegalArgumentException(kind + ": restored state of parameter " + i + " has shape "
                            + slot.shape + ", but " + parameter.getName() + " has " + shape);
                }
                slot.id = parameter.getId();
            } else if (!slot.id.equals(parameter.getId())) {
                throw new IllegalArgumentException(kind + ": parameter " + i + " (" + parameter.getName()
                        + ") is not the one this state belongs to; pass the same list in the same order");
            }
        }
    }

    private static Shape initializedShape(Parameter parameter) {
        if (!parameter.isInitialized()) {
            throw new IllegalStateException("parameter " + parameter.getName() + " is not initialized");
        }
        return parameter.getArray().getShape();
    }

    @Override
    public final void save(DataOutputStream out) throws IOException {
        checkOpen();
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(kind);
        out.writeInt(momentCount);
        List<Slot> current = slots == null ? List.of() : slots;
        out.writeInt(current.size());
        for (Slot slot : current) {
            long[] dims = slot.shape.getShape();
            out.writeInt(dims.length);
            for (long d : dims) {
                out.writeLong(d);
            }
            out.writeLong(slot.step);
            out.writeBoolean(slot.moments != null);
            if (slot.moments != null) {
                for (NDArray moment : slot.moments) {
                    if (moment.getDataType() != DataType.FLOAT32) {
                        throw new IOException(kind + ": only float32 state can be saved, got "
                                + moment.getDataType());
                    }
                    float[] values = moment.toFloatArray();
                    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    bytes.asFloatBuffer().put(values);
                    out.writeInt(values.length);
                    out.write(bytes.array());
                }
            }
        }
    }

    @Override
    public final void load(DataInputStream in) throws IOException {
        checkOpen();
        List<RawSlot> raw;
        try {
            raw = read(in);
        } catch (EOFException e) {
            throw new IOException(kind + ": optimizer state is truncated", e);
        } catch (ArithmeticException e) {
            throw new IOException(kind + ": optimizer state has impossible sizes", e);
        }
        // Parsed completely: only now replace the current state.
        List<Slot> restored = new ArrayList<>(raw.size());
        for (RawSlot r : raw) {
            Slot slot = new Slot(r.shape);
            slot.step = r.step;
            if (r.moments != null) {
                slot.moments = new NDArray[momentCount];
                for (int k = 0; k < momentCount; k++) {
                    slot.moments[k] = manager.create(r.moments[k], r.shape);
                }
            }
            restored.add(slot);
        }
        closeState();
        slots = restored;
    }

    private List<RawSlot> read(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(kind + ": not an optimizer state (magic 0x" + Integer.toHexString(magic) + ")");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(kind + ": unsupported optimizer state version " + version);
        }
        String savedKind = in.readUTF();
        if (!kind.equals(savedKind)) {
            throw new IOException(kind + ": the stream holds " + savedKind + " state");
        }
        int moments = in.readInt();
        if (moments != momentCount) {
            throw new IOException(kind + ": expected " + momentCount + " moments per parameter, stream has "
                    + moments);
        }
        int count = in.readInt();
        if (count < 0) {
            throw new IOException(kind + ": negative parameter count " + count);
        }
        List<RawSlot> raw = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int rank = in.readInt();
            if (rank < 0 || rank > MAX_RANK) {
                throw new IOException(kind + ": parameter " + i + " has rank " + rank);
            }
            long[] dims = new long[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = in.readLong();
                if (dims[d] < 0) {
                    throw new IOException(kind + ": parameter " + i + " has a negative dimension");
                }
                size = Math.multiplyExact(size, dims[d]);
            }
            long step = in.readLong();
            if (step < 0) {
                throw new IOException(kind + ": parameter " + i + " has step count " + step);
            }
            RawSlot slot = new RawSlot(new Shape(dims), step);
            if (in.readBoolean()) {
                slot.moments = new float[momentCount][];
                for (int k = 0; k < momentCount; k++) {
                    int length = in.readInt();
                    if (length != size) {
                        throw new IOException(kind + ": parameter " + i + " moment " + k + " has " + length
                                + " values for shape " + slot.shape);
                    }
                    byte[] bytes = new byte[Math.multiplyExact(length, Float.BYTES)];
                    in.readFully(bytes);
                    float[] values = new float[length];
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                    slot.moments[k] = values;
                }
            }
            raw.add(slot);
        }
        return raw;
    }

    /** Step count of the {@code index}-th parameter (0 before its first update). */
    final long stepCount(int index) {
        return slots == null ? 0 : slots.get(index).step;
    }

    /** A copy of moment {@code k} of the {@code index}-th parameter, or {@code null} before its first update. */
    final float[] moment(int index, int k) {
        NDArray[] moments = slots == null ? null : slots.get(index).moments;
        return moments == null ? null : moments[k].toFloatArray();
    }

    private void closeState() {
        if (slots != null) {
            for (Slot slot : slots) {
                if (slot.moments != null) {
                    for (NDArray moment : slot.moments) {
                        moment.close();
                    }
                }
            }
        }
        slots = null;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(kind + ": optimizer is closed");
        }
    }

    @Override
    public final void close() {
        if (!closed) {
            closeState();
            manager.close();
            closed = true;
        }
    }

    private static final class Slot {
        final Shape shape;
        String id;
        long step;
        NDArray[] moments;

        Slot(Shape shape) {
            this.shape = shape;
        }
    }

    private static final class RawSlot {
        final Shape shape;
        final long step;
        float[][] moments;

        RawSlot(Shape shape, long step) {
            this.shape = shape;
            this.step = step;
        }
    }
}

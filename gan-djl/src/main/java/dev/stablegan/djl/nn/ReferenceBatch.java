package dev.stablegan.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Runs a network containing {@link VirtualBatchNorm} layers with its fixed reference batch: prepends the
 * reference inputs to every call and strips their rows from the output (Salimans et al. 2016, section 3.5).
 *
 * <p>The reference inputs are chosen once (for a generator: {@code R} noise vectors drawn at the start of
 * training) and never change; they are saved and restored with the parameters, so a resumed run normalizes
 * with the same batch.
 */
public final class ReferenceBatch extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Block network;
    private final int referenceSize;
    private NDArray reference;

    /**
     * @param network the wrapped network; each of its VBN layers must be built with {@code referenceSize}
     * @param reference the reference inputs {@code (R, ...)}; kept (attach it to a long-lived manager)
     */
    public ReferenceBatch(Block network, NDArray reference) {
        super(VERSION);
        this.network = addChildBlock("network", network);
        this.referenceSize = Math.toIntExact(reference.getShape().get(0));
        this.reference = reference;
    }

    public int referenceSize() {
        return referenceSize;
    }

    /** The fixed reference inputs. */
    public NDArray reference() {
        return reference;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        network.initialize(manager, dataType, withReferenceRows(inputShapes[0]));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape out = network.getOutputShapes(new Shape[] {withReferenceRows(inputShapes[0])})[0];
        long[] dims = out.getShape();
        dims[0] = inputShapes[0].get(0);
        return new Shape[] {new Shape(dims)};
    }

    private Shape withReferenceRows(Shape in) {
        long[] dims = in.getShape();
        dims[0] += referenceSize;
        return new Shape(dims);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!x.getShape().slice(1).equals(reference.getShape().slice(1))) {
            throw new IllegalArgumentException("input rows have shape " + x.getShape().slice(1) + ", the reference batch "
                    + reference.getShape().slice(1));
        }
        NDArray ref = reference;
        if (ref.getDataType() != x.getDataType()) {
            ref = reference.toType(x.getDataType(), true);
            ref.attach(x.getManager());
        }
        NDArray joined = ref.concat(x, 0);
        joined.attach(x.getManager()); // it starts on the reference's long-lived manager
        NDArray out = network.forward(parameterStore, new NDList(joined), training, params).singletonOrThrow();
        return new NDList(out.get(referenceSize + ":"));
    }

    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        super.saveParameters(os);
        byte[] encoded = reference.encode();
        os.writeInt(encoded.length);
        os.write(encoded);
    }

    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, ai.djl.MalformedModelException {
        super.loadParameters(manager, is);
        byte[] encoded = new byte[is.readInt()];
        is.readFully(encoded);
        NDArray restored = NDArray.decode(reference.getManager(), encoded);
        if (!restored.getShape().equals(reference.getShape())) {
            throw new ai.djl.MalformedModelException("reference batch of shape " + restored.getShape() + ", expected "
                    + reference.getShape());
        }
        reference.close();
        reference = restored;
    }
}

package dev.stablegan.data.images;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import dev.stablegan.data.idx.LabelledImages;
import java.io.IOException;
import java.util.Objects;

/**
 * Training images as a DJL dataset: record {@code i} holds image {@code i} of an {@link ImageDataset} as float32
 * {@code [channels, height, width]} scaled from {@code 0..255} to {@code [-1, 1]} ({@code p / 127.5 - 1}, the same
 * values {@link ImageBatchSource} gives), and as label its class (an int32 scalar) when the images have labels,
 * otherwise no label array.
 *
 * <p>Any of our readers enters this way: {@code ImageRecords.of(ImageFolders.open(dir, 64, log))} (CIFAR-10
 * batches, an LSUN database, a folder of PNG/JPEG), {@code ImageRecords.of(IdxFolder.read(dir, TRAIN, "mnist"), 28)}.
 * The trainers take it through {@code DatasetBatchSource}, which draws seeded batches as {@link ImageBatchSource}
 * does; an image that cannot be decoded fails its batch there, where {@link ImageBatchSource} skips it.
 */
public final class ImageRecords extends RandomAccessDataset {
    private final ImageDataset images;
    private final byte[] labels;

    private ImageRecords(Builder builder) {
        super(builder);
        this.images = Objects.requireNonNull(builder.images, "images: null; pass an ImageDataset");
        this.labels = builder.labels;
        if (labels != null && labels.length != images.size()) {
            throw new IllegalArgumentException(images.id() + ": " + labels.length + " labels for " + images.size() + " images");
        }
    }

    /** The images unlabelled, for sampling one record at a time ({@code setSampling(1, false)}). */
    public static ImageRecords of(ImageDataset images) {
        return builder().images(images).setSampling(1, false).build();
    }

    /** Labelled gray images resized to {@code size}, with their classes as labels. */
    public static ImageRecords of(LabelledImages images, int size) {
        return builder().images(images.toImages(size)).labels(images.labels()).setSampling(1, false).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The images underneath (their identity names the data in provenance). */
    public ImageDataset images() {
        return images;
    }

    /**
     * @throws IOException when the stored image cannot be read or decoded, naming it
     */
    @Override
    public Record get(NDManager manager, long index) throws IOException {
        if (index < 0 || index >= images.size()) {
            throw new IndexOutOfBoundsException(images.id() + ": record " + index + " of " + images.size());
        }
        byte[] pixels = images.image((int) index);
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (pixels[i] & 0xff) / 127.5f - 1f;
        }
        NDList data = new NDList(manager.create(values, new Shape(images.channels(), images.height(), images.width())));
        NDList label = labels == null ? new NDList() : new NDList(manager.create(labels[(int) index] & 0xff));
        return new Record(data, label);
    }

    @Override
    protected long availableSize() {
        return images.size();
    }

    /** Nothing to prepare: the images are read by the {@link ImageDataset} given. */
    @Override
    public void prepare(Progress progress) {}

    /** Builds {@link ImageRecords}; DJL's sampling settings ({@code setSampling}) are required as for every dataset. */
    public static final class Builder extends BaseBuilder<Builder> {
        private ImageDataset images;
        private byte[] labels;

        public Builder images(ImageDataset images) {
            this.images = images;
            return this;
        }

        /** One class per image, {@code 0..255} as unsigned bytes; {@code null} for none. */
        public Builder labels(byte[] labels) {
            this.labels = labels == null ? null : labels.clone();
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public ImageRecords build() {
            return new ImageRecords(this);
        }
    }
}

package dev.stablegan.examples.plot;

/** The pixel size of a chart picture, no smaller than the size at which its chart stays legible. */
record PictureSize(int width, int height) {

    /**
     * {@code width x height}, refused (naming both sizes) below {@code minWidth x minHeight}.
     *
     * @throws IllegalArgumentException when either side is below its minimum
     */
    static PictureSize atLeast(int width, int height, int minWidth, int minHeight) {
        if (width < minWidth || height < minHeight) {
            throw new IllegalArgumentException("size: must be at least " + minWidth + " x " + minHeight + ", got " + width + " x " + height);
        }
        return new PictureSize(width, height);
    }
}

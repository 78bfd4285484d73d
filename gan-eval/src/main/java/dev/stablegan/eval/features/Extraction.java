package dev.stablegan.eval.features;

import dev.stablegan.eval.FeatureMatrix;

/**
 * What a feature network gives for a set of images, row {@code i} for image {@code i}.
 *
 * @param features the embedding FID, KID and PRDC compare (for Inception the 2048-d pool features)
 * @param probabilities class probabilities {@code p(y|x)} for the Inception score
 */
public record Extraction(FeatureMatrix features, FeatureMatrix probabilities) {}

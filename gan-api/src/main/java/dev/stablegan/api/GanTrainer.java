package dev.stablegan.api;

/**
 * Trains one GAN of a {@link GanSpec}: {@link #step()} runs the critic steps and one generator step; {@link #run()}
 * steps until the schedule's last generator step, informing the listeners (the {@link Trainer} contract).
 * Engine-agnostic; see gan-djl.
 */
public interface GanTrainer extends Trainer {

    GanSpec spec();
}

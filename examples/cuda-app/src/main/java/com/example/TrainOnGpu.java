package com.example;

import ai.djl.Device;
import dev.stablegan.api.GanSpec;
import dev.stablegan.api.NetworkSpec;
import dev.stablegan.api.ObjectiveSpec;
import dev.stablegan.api.OptimizerSpec;
import dev.stablegan.api.ScheduleSpec;
import dev.stablegan.djl.Devices;
import dev.stablegan.djl.EngineSetup;
import dev.stablegan.djl.train.BatchSource;
import dev.stablegan.djl.train.DjlGanTrainer;

/** WGAN-GP on 2-D points on the first GPU: what an application with the CUDA BOM writes. */
public final class TrainOnGpu {
    private TrainOnGpu() {}

    public static void main(String[] args) {
        EngineSetup.configure(1);
        Device gpu = Devices.resolve("cuda");
        OptimizerSpec adam = new OptimizerSpec.Adam(1e-4, 0.5, 0.9);
        GanSpec spec = new GanSpec(new NetworkSpec.Mlp(2, 128, 3, 2), new NetworkSpec.Mlp(2, 128, 3, 1), new ObjectiveSpec.WganGp(0.1, false),
                adam, adam, new ScheduleSpec(5, 100, 256, false), 1);
        BatchSource points = new BatchSource() {
            @Override
            public long[] exampleShape() {
                return new long[] {2};
            }

            @Override
            public ai.djl.ndarray.NDArray next(ai.djl.ndarray.NDManager manager, dev.stablegan.api.RandomStream random, int n) {
                return manager.create(random.gaussians(2 * n), new ai.djl.ndarray.types.Shape(n, 2));
            }

            @Override
            public String identity() {
                return "example:gaussian";
            }
        };
        try (DjlGanTrainer trainer = DjlGanTrainer.create(spec, points, gpu)) {
            System.out.println("trained " + trainer.run().steps() + " steps on " + trainer.device());
        }
    }
}

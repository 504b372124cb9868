package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.model.TrainableNetwork;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.jobs.spark.ExecutorEngine;

/**
 * A shard's gradient must not depend on which thread of the JVM computes it. DJL gives the configured
 * libtorch thread count ({@code threads=1}) to the thread that loads the engine only; a Spark task thread
 * used OpenMP's default (one thread per CPU) in some kernels, so on a machine with several CPUs a task
 * thread and the engine's thread differed in the last bits (the standalone cluster loads the engine in a
 * task thread, {@code local[2]} in the driver's). On a single-CPU machine, or with
 * {@code OMP_NUM_THREADS=1}, this test cannot tell the difference.
 */
class TaskThreadShardTest {

    @Test
    void aTaskThreadComputesTheShardGradientOfTheThreadThatLoadedTheEngine() throws Exception {
        Config config = TinyRun.config("restoration.channels=8", "restoration.blocks=1", "restoration.batch-size=4");
        LrpoSettings s = LrpoSettings.read(config);
        ExecutorEngine.get(s.run());
        List<TrainingPair> pairs = new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(),
                s.model().resolution(), s.degradation().preset(), new FaceSplit(s.data().heldOutFraction()))
                .batch(0, 0, 2);
        for (SupervisedStage stage : SupervisedStage.values()) {
            VersionedWeights initial;
            try (TrainableNetwork net = stage.create(s, Device.cpu())) {
                initial = new VersionedWeights(0, new NetworkParameters(net).readAll().flat());
            }
            // Each computation builds its executor-side network in its own new thread, as a fresh executor's
            // first task does. The reference thread has the thread count the engine-loading thread gets.
            float[] engineThread = inNewThread(() -> {
                JniUtils.setNumThreads(s.run().threads());
                return stage.shard(RunSpec.of(config), () -> initial, initial, pairs, 0, 0, 0).gradient();
            });
            float[] taskThread = inNewThread(
                    () -> stage.shard(RunSpec.of(config), () -> initial, initial, pairs, 0, 0, 0).gradient());
            int first = java.util.stream.IntStream.range(0, taskThread.length)
                    .filter(j -> Float.floatToIntBits(taskThread[j]) != Float.floatToIntBits(engineThread[j]))
                    .findFirst().orElse(-1);
            assertEquals(-1, first, () -> stage + ": element " + first + " is " + taskThread[first]
                    + " in a task thread, " + engineThread[first] + " in the engine's thread");
        }
    }

    private static float[] inNewThread(Callable<float[]> work) throws InterruptedException, ExecutionException {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(work).get();
        } finally {
            thread.shutdown();
        }
    }
}

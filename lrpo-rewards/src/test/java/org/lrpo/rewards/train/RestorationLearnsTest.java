package org.lrpo.rewards.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.PixelLoss;
import org.lrpo.core.config.RestorationSettings;
import org.lrpo.core.degrade.DegradationPreset;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.model.NoGrad;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.restoration.RestorationObjective;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.core.train.TrainingPair;

/**
 * Stage 1 learns (the restoration module R of METHOD 1 and 7): trained with its pixel loss on generated
 * 32-pixel faces with the DiffBIR degradations, its loss on the training batches falls and, on 32 held-out
 * identities, R(lq) is closer to the ground truth than the degraded input on mean PSNR and mean SSIM. A
 * fresh R is the identity, so it ties with the input exactly: the gain is what training taught it.
 *
 * <p>CI-sized: 200 steps of batch 16 for R of 16 channels and 4 blocks, at 3e-3 (the default 1e-3 and 32
 * channels learn too, about half as fast per second). Measured on a 2-core machine shared with two other
 * builds: 63 s (51 s of training), held-out PSNR 19.20 -> 19.42 dB (+0.23), SSIM 0.377 -> 0.391 (+0.014). The
 * DiffBIR ranges at 32 pixels (down-sampling up to 12x) leave most of the error irreducible for a radius-10
 * network; longer runs keep improving (600 steps, 32 channels, 1e-3: +0.66 dB, +0.047 SSIM).
 */
class RestorationLearnsTest {
    static final int STEPS = 200;
    static final int RESOLUTION = 32;
    static final LrpoSettings SETTINGS = LrpoSettings.read(ConfigLoader.load(Optional.empty(), List.of(
            "restoration.channels=16", "restoration.blocks=4", "restoration.loss=l1", "restoration.optimiser-steps=" + STEPS,
            "restoration.batch-size=16", "restoration.learning-rate=3e-3", "restoration.warmup-steps=10",
            "restoration.lr-schedule=cosine", "restoration.ema-decay=0.95", "degradation.preset=diffbir",
            "data.generated-identities=256", "data.held-out-fraction=0.2", "seed=13")));

    @Test
    void trainingLowersTheLossAndBeatsTheDegradedInputOnHeldOutFaces() {
        Engine engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 0);
        RestorationSettings rs = SETTINGS.restoration();
        assertEquals(DegradationPreset.DIFFBIR, SETTINGS.degradation().preset());
        assertEquals(PixelLoss.L1, rs.loss());
        GeneratedPairs data = new GeneratedPairs(SETTINGS.run().seed(), SETTINGS.data().generatedIdentities(),
                RESOLUTION, SETTINGS.degradation().preset(), new FaceSplit(SETTINGS.data().heldOutFraction()));
        List<TrainingPair> heldOut = data.heldOut(32);
        // The training loss is measured on the same batches before and after: a step's own loss varies
        // more from batch to batch than training lowers it in 200 steps.
        List<TrainingPair> firstBatches = new ArrayList<>();
        for (int step = 0; step < 4; step++) {
            firstBatches.addAll(data.batch(step, 0, rs.optimiser().batchSize()));
        }

        RestorationNet net = RestorationNet.create(rs.network(), Device.cpu(), SETTINGS.run().seed());
        RestorationObjective objective = new RestorationObjective(net, engine, rs.loss());
        HeldOutQuality fresh = quality(net, heldOut);
        double lossBefore = meanLoss(objective, firstBatches);
        System.out.printf("R: %d parameters, receptive radius %d px; held-out input PSNR %.3f dB SSIM %.4f%n",
                net.parameterCount(), rs.network().receptiveRadius(), fresh.inputPsnr(), fresh.inputSsim());
        assertEquals(fresh.inputPsnr(), fresh.psnr(), 1e-9, "a fresh R is the identity");

        Pretrainer trainer = new Pretrainer(net, objective, data, rs.optimiser(), SETTINGS.run().seed());
        long t0 = System.nanoTime();
        for (int i = 0; i < STEPS; i++) {
            Pretrainer.StepReport step = trainer.step();
            assertFalse(step.skipped(), "step " + i + " skipped: " + step);
            if ((i + 1) % 50 == 0) {
                HeldOutQuality q = quality(net, heldOut);
                System.out.printf("step %d (%.1f s): batch loss %.5f, lr %.2e; held-out PSNR %.3f dB SSIM %.4f "
                        + "(live weights)%n", i + 1, (System.nanoTime() - t0) / 1e9, step.loss(), step.lr(), q.psnr(),
                        q.ssim());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        trainer.useEmaWeights();
        double lossAfter = meanLoss(objective, firstBatches);

        try (FrozenRestoration r = new FrozenRestoration(net, rs.tileSize(), "trained")) {
            HeldOutQuality q = HeldOutQuality.of(r.restore(heldOut.stream().map(TrainingPair::lq).toList()), heldOut);
            System.out.printf("after %d steps (%.1f s), EMA weights: L1 on the first %d training pairs %.5f -> %.5f; "
                    + "held-out (%d faces, %d px): input PSNR %.3f dB SSIM %.4f | R PSNR %.3f dB SSIM %.4f | gain "
                    + "%+.3f dB %+.4f SSIM%n", STEPS, seconds, firstBatches.size(), lossBefore, lossAfter,
                    heldOut.size(), RESOLUTION, q.inputPsnr(), q.inputSsim(), q.psnr(), q.ssim(), q.psnr() - q.inputPsnr(),
                    q.ssim() - q.inputSsim());
            // Measured 0.08650 -> 0.08390 (-3.0%); asking for -1% leaves room for float rounding across machines.
            assertTrue(lossAfter < 0.99 * lossBefore, "the training loss must fall: " + lossBefore + " -> " + lossAfter);
            assertTrue(q.psnr() > q.inputPsnr(), "held-out PSNR of R(lq) " + q.psnr() + " vs lq " + q.inputPsnr());
            assertTrue(q.ssim() > q.inputSsim(), "held-out SSIM of R(lq) " + q.ssim() + " vs lq " + q.inputSsim());
        }
    }

    /** The mean per-pair pixel loss (the objective's sum over the pairs, divided by their number). */
    private static double meanLoss(RestorationObjective objective, List<TrainingPair> pairs) {
        return objective.lossSumAndGradient(pairs, 0, 0) / pairs.size();
    }


    static HeldOutQuality quality(RestorationNet net, List<TrainingPair> pairs) {
        try (NoGrad ignored = NoGrad.open(); NDManager m = net.manager().newSubManager()) {
            float[] y = net.forward(ModelSpace.batch(m, pairs.stream().map(TrainingPair::lq).toList())).toFloatArray();
            return HeldOutQuality.of(IntStream.range(0, pairs.size()).mapToObj(i -> ModelSpace.image(y, i, RESOLUTION, RESOLUTION))
                    .toList(), pairs);
        }
    }
}

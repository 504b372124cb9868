package org.lrpo.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.model.ConditionalDenoiser;

/** Scratch probe: pre-training speed and loss at a given config. Not a test. */
public final class PretrainProbe {
    public static void main(String[] args) {
        LrpoSettings s = LrpoSettings.read(ConfigLoader.load(Optional.empty(), List.of(args)));
        Engine engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", ".cache/djl")), 0);
        NoiseSchedule schedule = NoiseSchedule.scaledLinear(s.schedule().trainTimesteps(), s.schedule().betaStart(),
                s.schedule().betaEnd());
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            System.out.println("parameters " + policy.parameterCount());
            GeneratedPairs data = new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(),
                    s.model().resolution(), s.degradation().preset(), new FaceSplit(s.data().heldOutFraction()));
            Pretrainer p = new Pretrainer(policy, schedule, engine, data, s.pretrain(), s.run().seed());
            long t0 = System.nanoTime();
            double avg = 0;
            for (int i = 0; i < s.pretrain().optimiserSteps(); i++) {
                Pretrainer.StepReport r = p.step();
                avg = i == 0 ? r.loss() : 0.95 * avg + 0.05 * r.loss();
                if (i % 20 == 0 || i == s.pretrain().optimiserSteps() - 1) {
                    System.out.printf("step %d loss %.4f avg %.4f lr %.2e gn %.3f %.2fs/step%n", r.step(), r.loss(), avg,
                            r.lr(), r.gradNorm(), (System.nanoTime() - t0) / 1e9 / (i + 1));
                }
            }
        }
    }
}

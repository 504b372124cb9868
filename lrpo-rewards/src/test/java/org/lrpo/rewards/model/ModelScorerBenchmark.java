package org.lrpo.rewards.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.ScoreRange;
import org.lrpo.rewards.model.ScoringModelFixture.Case;

/**
 * Images per second of the {@code model} reward component (not a test: it prints, asserts nothing) on one rollout
 * group, G = 9 pairs at 64x64, with the tiny two-input network of {@link ScoringModelFixture} (3 -&gt; 6 conv + L1,
 * an LPIPS-shaped stand-in) as TorchScript (PyTorch engine) and, when this torch can export it, ONNX (ONNX Runtime).
 * Measures the component's own cost (pre-processing, engine call, read-back), not a real scorer's. From the
 * repository root (the fixture runs {@code lrpo-rewards/src/test/python/make_scoring_models.py}, which needs
 * Debian's python3-torch):
 *
 * <pre>
 * ./mvnw -B -o -q -pl lrpo-rewards test-compile
 * ./mvnw -B -o -q -pl lrpo-rewards dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -DDJL_CACHE_DIR=$PWD/.cache/djl -Dbasedir=lrpo-rewards \
 *      -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
 *      -cp lrpo-rewards/target/test-classes:lrpo-rewards/target/classes:$(cat lrpo-rewards/target/cp.txt) \
 *      org.lrpo.rewards.model.ModelScorerBenchmark [repeats=10]
 * </pre>
 *
 * One warm-up call per engine, then {@code repeats} timed calls; the load average is printed before and after.
 */
public final class ModelScorerBenchmark {
    private ModelScorerBenchmark() {}

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0].replace("repeats=", "")) : 10;
        System.out.printf("load average at start: %s%n", loadAverage());
        ScoringModelFixture fixture = ScoringModelFixture.get();
        List<RgbImage> xs = fixture.xs;
        List<RgbImage> gts = fixture.gts;
        Case c = fixture.cases.get("native_signed");
        for (String ext : List.of("pt", "onnx")) {
            if (ext.equals("onnx") && !fixture.onnxExported()) {
                System.out.println("ONNX: skipped, torch.onnx.export unavailable: " + fixture.onnxError());
                continue;
            }
            ModelScorerSpec.ModelEngine engine = ModelScorerSpec.ModelEngine.fromExtension(Path.of("m." + ext));
            ModelScorerSpec spec = new ModelScorerSpec(fixture.dir.resolve("two_input." + ext), engine, c.size()[0],
                    c.size()[1], c.pixels(), c.mean(), c.std(), ModelScorerSpec.ModelInputs.RESTORED_AND_GT, 1, -1, 1,
                    ScoreRange.UNIT, false);
            try (ModelScoreComponent two = ModelScoreComponent.load(spec)) {
                two.score(xs, gts);
                long t0 = System.nanoTime();
                for (int r = 0; r < repeats; r++) {
                    two.score(xs, gts);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("model (%s, two-input 3->6 conv + L1, 64x64, batch %d): %.0f images/s%n", engine,
                        xs.size(), repeats * xs.size() / s);
            }
        }
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

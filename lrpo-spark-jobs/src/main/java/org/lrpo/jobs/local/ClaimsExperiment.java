package org.lrpo.jobs.local;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.lrpo.core.checkpoint.SafetensorsReader;
import org.lrpo.core.checkpoint.SafetensorsWriter;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.rewards.faces.FaceDescriptorNet;
import org.lrpo.rewards.faces.FaceLandmark68Net;
import org.lrpo.rewards.faces.IdentityMetric;
import org.lrpo.rewards.faces.LandmarkDistance;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.MsSsim;
import org.lrpo.rewards.metrics.Psnr;
import org.lrpo.rewards.metrics.Ssim;
import org.lrpo.rewards.reward.CompositeReward;
import org.lrpo.rewards.reward.RewardRegistry;
import org.lrpo.rewards.reward.RewardSettings;

/**
 * The paper's claims as a paired experiment (docs/METHOD.md section 9, issue 13). For each pre-training seed P,
 * stage 1 and the diffusion pre-training are trained once (saved under {@code OUT/pretrain-seed-P/}, reused when
 * present); every variant of P starts from that checkpoint with the same LRPO seeds, and is evaluated on the same
 * held-out faces with the same restoration noise every {@code experiment.eval-every} rounds and after the last,
 * scored with the configured reward whatever the variant trains with.
 *
 * <p>Out: {@code faces.csv} (one row per pretrain seed, variant, seed, round and face: the sample-averaged metrics),
 * {@code curves.csv} (one row per pretrain seed, variant, seed and evaluated round: the means over faces) and
 * {@code table.md} ({@link ClaimsTable}, from every row so far) and {@code rounds.csv} ({@link TrainingRounds}: the
 * training metrics of every LRPO round). A run (pretrain seed, variant, seed) is done when
 * its marker {@code runs/pretrain-seed-P/VARIANT/seed-S.done} exists, written after its rows; a run without it is
 * redone from its start, its partial rows dropped first.
 */
public final class ClaimsExperiment {
    /** The supervised baseline's seed column: it has no LRPO seed. */
    public static final long NO_SEED = 0;

    private final Config config;
    private final LrpoSettings settings;
    private final ExperimentSettings exp;
    private final Path dir;
    private final PrintStream out;
    private final List<String> components;
    private final List<String> metrics;
    private IdentityMetric identity;
    private LandmarkDistance landmarks;

    /** What an invocation did. */
    public record Outcome(int runsDone, int runsSkipped, int pretrainsTrained, String table) {}

    public ClaimsExperiment(Config config, LrpoSettings settings, ExperimentSettings exp, Path dir, PrintStream out) {
        this.config = config;
        this.settings = settings;
        this.exp = exp;
        this.dir = dir;
        this.out = out;
        this.components = List.copyOf(RewardSettings.read(config).weights().keySet());
        List<String> m = new ArrayList<>(List.of("reward"));
        components.forEach(c -> m.add("reward_" + c)); // "ssim" is also a fidelity column
        // Fidelity outside the reward: PSNR, MS-SSIM, the identity angle (the reward clips the cosine) and LMD.
        m.addAll(List.of("psnr", "ssim", "ms_ssim", "identity_degrees", "lmd"));
        this.metrics = List.copyOf(m);
    }

    public List<String> metrics() {
        return metrics;
    }

    public Outcome run(List<ClaimVariant> variants, List<Long> seeds, List<Long> pretrainSeeds) throws IOException {
        Files.createDirectories(dir);
        List<String> keys = List.of("pretrain_seed", "variant", "seed", "round");
        List<String> faceColumns = new ArrayList<>(keys);
        faceColumns.add("face_id");
        faceColumns.addAll(metrics);
        List<String> curveColumns = new ArrayList<>(keys);
        curveColumns.addAll(List.of("faces", "samples"));
        curveColumns.addAll(metrics);
        CsvTable faces = new CsvTable(dir.resolve("faces.csv"), faceColumns);
        CsvTable curves = new CsvTable(dir.resolve("curves.csv"), curveColumns);
        int done = 0;
        int skipped = 0;
        int pretrained = 0;
        Map<Map<String, Double>, CompositeReward> rewards = new HashMap<>();
        try {
            RewardSettings scoring = RewardSettings.read(config);
            for (long p : pretrainSeeds) {
                List<Run> todo = new ArrayList<>();
                for (ClaimVariant v : variants) {
                    for (long s : v.trains() ? seeds : List.of(NO_SEED)) {
                        Run run = new Run(p, v, s, dir);
                        if (Files.exists(run.marker())) {
                            skipped++;
                        } else {
                            todo.add(run);
                        }
                    }
                }
                if (todo.isEmpty()) {
                    out.printf("pretrain seed %d: every run done already%n", p);
                    continue;
                }
                LocalPipeline pipeline = new LocalPipeline(settings, config,
                        Seeds.derive(settings.run().seed(), "pretrain-seed", p), out);
                try (ConditionalDenoiser policy = pipeline.newPolicy()) {
                    pretrained += supervised(pipeline, policy, p) ? 1 : 0;
                    ParameterSet start = new NetworkParameters(policy).readAll();
                    List<TrainingPair> heldOut = pipeline.heldOut(exp.heldOutFaces());
                    for (Run run : todo) {
                        int dropped = faces.drop(run::owns) + curves.drop(run::owns);
                        out.printf("%n== pretrain seed %d, %s, seed %d%s ==%n", p, run.variant().name(), run.seed(),
                                dropped > 0 ? " (redone: " + dropped + " partial rows dropped)" : "");
                        CompositeReward scorer = rewards.computeIfAbsent(scoring.weights(), w -> build(scoring));
                        LocalPipeline.load(policy, start);
                        if (!run.variant().trains()) {
                            evaluate(pipeline, policy, heldOut, scorer, run, 0, faces, curves);
                        } else {
                            Config vc = run.variant().apply(config);
                            LrpoSettings vs = LrpoSettings.read(vc);
                            RewardSettings vr = RewardSettings.read(vc);
                            CompositeReward trainReward = rewards.computeIfAbsent(vr.weights(), w -> build(vr));
                            List<Integer> evaluated = exp.evaluatedRounds(vs.rl().rounds());
                            pipeline.lrpo(policy, vs.rl(), run.seed(), trainReward, Optional.empty(),
                                    new MetricsLog(run.dir().resolve("metrics")), round -> {
                                        if (evaluated.contains(round)) {
                                            evaluate(pipeline, policy, heldOut, scorer, run, round, faces, curves);
                                        }
                                    });
                        }
                        Files.createDirectories(run.marker().getParent());
                        Files.writeString(run.marker(), "rows complete\n");
                        done++;
                    }
                }
            }
        } finally {
            rewards.values().forEach(CompositeReward::close);
        }
        List<String> order = ClaimVariant.ALL.stream().map(ClaimVariant::name).toList();
        String table = ClaimsTable.of(faces, metrics, exp).markdown(order);
        Files.writeString(dir.resolve("table.md"), table);
        TrainingRounds.write(dir);
        return new Outcome(done, skipped, pretrained, table);
    }

    /** One (pretrain seed, variant, seed). */
    private record Run(long pretrainSeed, ClaimVariant variant, long seed, Path root) {
        Path dir() {
            return root.resolve("runs/pretrain-seed-" + pretrainSeed + "/" + variant.name() + "/seed-" + seed);
        }

        Path marker() {
            return root.resolve("runs/pretrain-seed-" + pretrainSeed + "/" + variant.name() + "/seed-" + seed + ".done");
        }

        boolean owns(List<String> row) {
            return row.get(0).equals(Long.toString(pretrainSeed)) && row.get(1).equals(variant.name())
                    && row.get(2).equals(Long.toString(seed));
        }
    }

    private CompositeReward build(RewardSettings s) {
        return RewardRegistry.builtIns().build().build(s);
    }

    /**
     * Leaves pretrain seed {@code p}'s supervised weights in the pipeline (stage 1) and {@code policy}: loaded from
     * {@code OUT/pretrain-seed-P/} when saved there, else trained and saved. Returns whether it trained.
     */
    private boolean supervised(LocalPipeline pipeline, ConditionalDenoiser policy, long p) throws IOException {
        Path pd = dir.resolve("pretrain-seed-" + p);
        Path stage1 = pd.resolve("stage1.safetensors");
        Path diffusion = pd.resolve("policy.safetensors");
        if (Files.exists(stage1) && Files.exists(diffusion)) {
            out.printf("pretrain seed %d: supervised checkpoint reused from %s%n", p, pd);
            pipeline.useStage1(read(stage1));
            LocalPipeline.load(policy, read(diffusion));
            return false;
        }
        out.printf("pretrain seed %d: training stage 1 and the diffusion pre-training%n", p);
        deleteRecursively(pd.resolve("checkpoints"));
        MetricsLog metrics = new MetricsLog(pd.resolve("metrics"));
        pipeline.trainStage1(pd.resolve("checkpoints/stage1"), metrics);
        pipeline.pretrain(policy, pd.resolve("checkpoints/pretrain"), metrics);
        write(stage1, pipeline.stage1Weights());
        write(diffusion, new NetworkParameters(policy).readAll()); // last: its presence means both are complete
        return true;
    }

    /** Scores {@code samples} restorations of each held-out face; appends the per-face and the mean rows. */
    private void evaluate(LocalPipeline pipeline, ConditionalDenoiser policy, List<TrainingPair> heldOut,
                          CompositeReward scorer, Run run, int round, CsvTable faces, CsvTable curves)
            throws IOException {
        int n = heldOut.size();
        List<RgbImage> restored = new ArrayList<>();
        List<RgbImage> truth = new ArrayList<>();
        for (int s = 0; s < exp.samples(); s++) {
            restored.addAll(pipeline.restore(policy, heldOut, s));
            heldOut.forEach(f -> truth.add(f.hq()));
        }
        List<RewardScores> scores = scorer.score(restored, truth);
        List<IdentityMetric.Score> ids = identity().score(restored, truth);
        double[] lmd = landmarks().distances(restored, truth);
        double[][] perFace = new double[n][metrics.size()];
        for (int i = 0; i < restored.size(); i++) {
            double[] row = perFace[i % n];
            RgbImage x = restored.get(i);
            RgbImage gt = truth.get(i);
            int m = 0;
            row[m++] += scores.get(i).total() / exp.samples();
            for (String c : components) {
                row[m++] += scores.get(i).components().getOrDefault(c, Double.NaN) / exp.samples();
            }
            row[m++] += Psnr.compute(x, gt, FidelityProtocol.RGB) / exp.samples();
            row[m++] += Ssim.compute(x, gt, FidelityProtocol.RGB) / exp.samples();
            row[m++] += MsSsim.compute(x, gt, FidelityProtocol.RGB) / exp.samples();
            row[m++] += ids.get(i).degrees() / exp.samples();
            row[m] += lmd[i] / exp.samples();
        }
        List<String> key = List.of(Long.toString(run.pretrainSeed()), run.variant().name(), Long.toString(run.seed()),
                Integer.toString(round));
        List<List<String>> faceRows = new ArrayList<>();
        double[] mean = new double[metrics.size()];
        for (int f = 0; f < n; f++) {
            List<String> r = new ArrayList<>(key);
            r.add(heldOut.get(f).id());
            for (int m = 0; m < metrics.size(); m++) {
                r.add(Double.toString(perFace[f][m]));
                mean[m] += perFace[f][m] / n;
            }
            faceRows.add(r);
        }
        List<String> curve = new ArrayList<>(key);
        curve.addAll(List.of(Integer.toString(n), Integer.toString(exp.samples())));
        for (double v : mean) {
            curve.add(Double.toString(v));
        }
        faces.append(faceRows);
        curves.append(List.of(curve));
        out.printf("held-out (round %d): reward %.4f, PSNR %.2f, SSIM %.4f%n", round, mean[0],
                mean[metrics.indexOf("psnr")], mean[metrics.indexOf("ssim")]);
    }

    private IdentityMetric identity() {
        if (identity == null) {
            identity = new IdentityMetric(FaceDescriptorNet.load());
        }
        return identity;
    }

    private LandmarkDistance landmarks() {
        if (landmarks == null) {
            landmarks = new LandmarkDistance(FaceLandmark68Net.load());
        }
        return landmarks;
    }

    private static ParameterSet read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ParameterSet.of(SafetensorsReader.read(in, file.toString(), Files.size(file)).tensors());
        }
    }

    private static void write(Path file, ParameterSet weights) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream o = Files.newOutputStream(tmp)) {
            SafetensorsWriter.write(o, weights, Map.of());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}

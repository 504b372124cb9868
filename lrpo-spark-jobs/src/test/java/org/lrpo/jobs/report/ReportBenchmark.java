package org.lrpo.jobs.report;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.degrade.Degradation;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.Reward;
import org.lrpo.jobs.ingest.FaceDataset;
import org.lrpo.jobs.spark.ExecutorEngine;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;
import org.lrpo.jobs.testing.CliRun;
import org.lrpo.jobs.train.ConfiguredReward;
import org.lrpo.rewards.faces.FaceDescriptorNet;
import org.lrpo.rewards.faces.FaceLandmark68Net;
import org.lrpo.rewards.faces.IdentityMetric;
import org.lrpo.rewards.faces.LandmarkDistance;
import org.lrpo.rewards.metrics.DwtLowpassReward;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.FlatRegionNoise;
import org.lrpo.rewards.metrics.MsSsim;
import org.lrpo.rewards.metrics.NiqeModel;
import org.lrpo.rewards.metrics.NiqeModels;
import org.lrpo.rewards.metrics.Psnr;
import org.lrpo.rewards.metrics.Ssim;

/**
 * Throughput of a full-reference {@code report} on {@code local[2]} with the default metric set, on a finished
 * demo run (its dataset's held-out faces, its supervised and LRPO checkpoints, {@code samples} restorations
 * each), and where the time goes: each metric of the set timed alone on the same faces in one thread, and the
 * restorations (stage 1, then each policy's samples).
 * <pre>
 * java -cp ... org.lrpo.jobs.report.ReportBenchmark lrpo-out conf/local.conf 2 3
 * </pre>
 * (run folder, profile, samples per checkpoint, repeats)
 */
public final class ReportBenchmark {
    private ReportBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]).toAbsolutePath();
        String profile = args[1];
        int samples = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        Config config = ConfigLoader.load(Optional.of(Path.of(profile)), List.of());
        LrpoSettings s = LrpoSettings.read(config);
        SparkSession spark = SparkSessions.create(new SparkSettings("local[2]", "lrpo-bench",
                Map.of("spark.ui.enabled", "false")), "report-bench");
        try {
            List<Row> rows = FaceDataset.read(spark, run.resolve("dataset").toString())
                    .filter(org.apache.spark.sql.functions.col(FaceDataset.SPLIT).equalTo(FaceDataset.HELD_OUT))
                    .orderBy(FaceDataset.ID).collectAsList();
            int faces = rows.size();
            int images = faces * (2 + 2 * samples);
            System.out.printf("%d held-out faces, %d images per report (input, stage 1, 2 checkpoints x %d samples)%n",
                    faces, images, samples);
            for (int r = 0; r < repeats; r++) {
                Path out = Files.createTempDirectory("report-bench");
                long t0 = System.nanoTime();
                CliRun.Outcome o = CliRun.run("report", "-c", profile, "--output", out.resolve("r").toString(),
                        "--dataset", run.resolve("dataset").toString(), "--checkpoint",
                        "supervised=" + run.resolve("pretrain"), "--checkpoint", "lrpo=" + run.resolve("train"),
                        "--samples", String.valueOf(samples), "spark.master=\"local[2]\"", "report.partitions=2");
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (o.code() != 0) {
                    throw new IllegalStateException(o.err());
                }
                System.out.printf("run %d: %.1f s, %.2f faces/s, %.2f images/s%n", r + 1, seconds, faces / seconds,
                        images / seconds);
            }
            perMetric(rows, s, config, repeats);
        } finally {
            spark.stop();
        }
    }

    /** Each metric alone over (degraded input, ground truth) of every face, one thread: ms per image. */
    private static void perMetric(List<Row> rows, LrpoSettings s, Config config, int repeats) throws Exception {
        ExecutorEngine.get(s.run());
        ImageCodec codec = ImageCodec.defaults();
        List<RgbImage> x = new ArrayList<>();
        List<RgbImage> gt = new ArrayList<>();
        for (Row r : rows) {
            String id = r.getString(r.fieldIndex(FaceDataset.ID));
            RgbImage hq = codec.decode((byte[]) r.get(r.fieldIndex(FaceDataset.HQ_PNG)), id);
            gt.add(hq);
            x.add(Degradation.apply(hq, s.degradation().preset(), s.run().seed(), id, 0).lq());
        }
        int res = s.model().resolution();
        NiqeModel niqe = NiqeModels.cachedFitOnGeneratedFaces(NiqeModels.DEFAULT_SEED, NiqeModels.DEFAULT_FACES, res,
                NiqeModels.blockSizeFor(res));
        try (FaceDescriptorNet d = FaceDescriptorNet.load(); FaceLandmark68Net l = FaceLandmark68Net.load();
             Reward reward = ConfiguredReward.of(config).create(s)) {
            IdentityMetric identity = new IdentityMetric(d);
            LandmarkDistance lmd = new LandmarkDistance(l);
            Map<String, BiFunction<List<RgbImage>, List<RgbImage>, Object>> metrics = new LinkedHashMap<>();
            metrics.put("psnr", (a, b) -> each(a, b, (p, q) -> Psnr.compute(p, q, FidelityProtocol.RGB)));
            metrics.put("ssim", (a, b) -> each(a, b, (p, q) -> Ssim.compute(p, q, FidelityProtocol.RGB)));
            metrics.put("ms_ssim", (a, b) -> each(a, b, (p, q) -> MsSsim.compute(p, q, FidelityProtocol.RGB)));
            metrics.put("dwt_lowpass_distance", (a, b) -> each(a, b, DwtLowpassReward::meanAbsLowpassDifference));
            metrics.put("identity (cos, deg)", identity::score);
            metrics.put("lmd", lmd::distances);
            metrics.put("niqe", (a, b) -> each(a, b, (p, q) -> niqe.score(p)));
            metrics.put("speckle", (a, b) -> each(a, b, FlatRegionNoise::compute));
            metrics.put("reward (composite and components)", reward::score);
            System.out.printf("%nper metric, ms per image (one thread; median of %d, then min-max):%n", repeats);
            double total = 0;
            Map<String, double[]> times = new LinkedHashMap<>();
            for (var e : metrics.entrySet()) {
                e.getValue().apply(x, gt);
                double[] t = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    e.getValue().apply(x, gt);
                    t[r] = (System.nanoTime() - t0) / 1e6 / x.size();
                }
                Arrays.sort(t);
                times.put(e.getKey(), t);
                total += t[repeats / 2];
            }
            for (var e : times.entrySet()) {
                double[] t = e.getValue();
                System.out.printf("| %s | %.2f (%.2f-%.2f) | %.0f %% |%n", e.getKey(), t[repeats / 2], t[0],
                        t[repeats - 1], 100 * t[repeats / 2] / total);
            }
            System.out.printf("| all metrics | %.2f | 100 %% |%n", total);
        }
    }

    private static double[] each(List<RgbImage> a, List<RgbImage> b, BiFunction<RgbImage, RgbImage, Double> f) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.apply(a.get(i), b.get(i));
        }
        return out;
    }
}

package org.lrpo.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.io.FileUtils;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.degrade.Degradation;
import org.lrpo.core.degrade.DegradationPreset;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.RgbImage;
import org.lrpo.jobs.ingest.FaceDataset;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;
import org.lrpo.core.testing.BoundedProcess;
import org.lrpo.jobs.testing.BrowserCheck;
import org.lrpo.jobs.testing.CliRun;
import org.lrpo.jobs.testing.TinyModel;
import org.lrpo.rewards.faces.FaceDescriptorNet;
import org.lrpo.rewards.faces.FaceLandmark68Net;
import org.lrpo.rewards.faces.IdentityMetric;
import org.lrpo.rewards.faces.LandmarkDistance;
import org.lrpo.rewards.metrics.DwtLowpassReward;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.MsSsim;
import org.lrpo.rewards.metrics.Psnr;
import org.lrpo.rewards.metrics.Ssim;

/**
 * {@code lrpo report} end to end on Spark local[2], as a user runs it after training: a tiny two-stage model
 * trained by {@code pretrain} and {@code train}, an ingested face dataset with a held-out split, a {@code restore}
 * run, and one report over all of them; then the inputs a user gets wrong.
 */
class ReportJobTest {
    @TempDir
    static Path shared;
    static Path run;
    static Path dataset;
    static Path report;
    static SparkSession spark;
    static CliRun.Outcome outcome;
    static final AtomicInteger JOBS = new AtomicInteger();

    @BeforeAll
    static void trainThenReport() throws Exception {
        spark = SparkSessions.create(new SparkSettings("local[2]", "lrpo-test", Map.of("spark.ui.enabled", "false")),
                "report-test");
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                JOBS.incrementAndGet();
            }
        });
        run = shared.resolve("run");
        dataset = shared.resolve("dataset");
        report = shared.resolve("report");
        ok(cli("pretrain", List.of(), "--stage", "all"));
        ok(cli("train", List.of()));
        ok(cli("ingest", List.of("data.held-out-fraction=0.5"), "--generate", "12", "--output", dataset.toString()));
        Path crops = Files.createDirectories(shared.resolve("crops"));
        for (Row r : FaceDataset.read(spark, dataset.toString()).limit(3).collectAsList()) {
            Files.write(crops.resolve(r.getString(r.fieldIndex(FaceDataset.ID)) + ".png"),
                    (byte[]) r.get(r.fieldIndex(FaceDataset.HQ_PNG)));
        }
        ok(cli("restore", List.of(), "--input", crops.toString(), "--output", shared.resolve("restored").toString(),
                "--checkpoint", run.toString(), "--aligned"));
        outcome = cli("report", List.of(), "--output", report.toString(), "--dataset", dataset.toString(),
                "--checkpoint", "supervised=" + run.resolve("pretrain"), "--checkpoint", "lrpo=" + run.resolve("train"),
                "--checkpoint", "lrpo_again=" + run, "--samples", "2", "--run", run.toString(),
                "--restore-run", shared.resolve("restored").toString());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static List<String> config(String... extra) {
        List<String> o = new ArrayList<>(List.of("restore.partitions=2", "report.partitions=2",
                "report.bootstrap.resamples=500", "report.grid-faces=2"));
        o.addAll(List.of(extra));
        return TinyModel.settings(run, o.toArray(String[]::new));
    }

    static CliRun.Outcome cli(String job, List<String> settings, String... flags) {
        return TinyModel.cli(job, config(settings.toArray(String[]::new)), flags);
    }

    static void ok(CliRun.Outcome o) {
        assertEquals(0, o.code(), o.out() + "\n" + o.err());
    }

    /** A CSV file of the report as header name to column values (Spark's CSV: no quoted commas in these tables). */
    static Map<String, List<String>> csv(String name) throws IOException {
        List<String> lines = Files.readAllLines(report.resolve(name));
        String[] header = lines.get(0).split(",", -1);
        Map<String, List<String>> cols = new HashMap<>();
        for (String h : header) {
            cols.put(h, new ArrayList<>());
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            assertEquals(header.length, v.length, line);
            for (int i = 0; i < v.length; i++) {
                cols.get(header[i]).add(v[i]);
            }
        }
        return cols;
    }

    @Test
    void writesEveryTableAndThePage() throws IOException {
        ok(outcome);
        for (String f : List.of("report.html", "images.csv", "summary.csv", "paired.csv", "by_strength.csv",
                "images", "summary", "paired", "by_strength", "summary.md")) {
            assertTrue(Files.exists(report.resolve(f)), f + " missing; report holds " + list(report));
        }
        long heldOut = FaceDataset.read(spark, dataset.toString())
                .filter(org.apache.spark.sql.functions.col(FaceDataset.SPLIT).equalTo(FaceDataset.HELD_OUT)).count();
        assertTrue(heldOut >= 2, "the test needs held-out faces, got " + heldOut);
        Map<String, List<String>> images = csv("images.csv");
        // input and stage 1 once per face, each of three checkpoints twice.
        assertEquals(heldOut * (1 + 1 + 3 * 2), images.get("face_id").size());
        Map<String, List<String>> summary = csv("summary.csv");
        assertEquals(List.of("input", "stage1", "supervised", "lrpo", "lrpo_again"),
                summary.get("model").stream().distinct().toList());
        assertTrue(outcome.out().contains("| lrpo_again |"), outcome.out());
        assertTrue(outcome.out().contains("report: " ), outcome.out());
    }

    @Test
    void metricRowsEqualTheMetricsLibraryOnTheSameImages() throws Exception {
        ImageCodec codec = ImageCodec.defaults();
        List<Row> faces = FaceDataset.read(spark, dataset.toString())
                .filter(org.apache.spark.sql.functions.col(FaceDataset.SPLIT).equalTo(FaceDataset.HELD_OUT))
                .collectAsList();
        Map<String, RgbImage> truth = new HashMap<>();
        for (Row r : faces) {
            String id = r.getString(r.fieldIndex(FaceDataset.ID));
            truth.put(id, codec.decode((byte[]) r.get(r.fieldIndex(FaceDataset.HQ_PNG)), id));
        }
        List<Row> rows = spark.read().parquet(report.resolve("images").toString()).collectAsList();
        int checked = 0;
        try (FaceDescriptorNet descriptors = FaceDescriptorNet.load(); FaceLandmark68Net landmarks = FaceLandmark68Net.load()) {
            IdentityMetric identity = new IdentityMetric(descriptors);
            LandmarkDistance lmd = new LandmarkDistance(landmarks);
            for (Row r : rows) {
                String id = r.getString(r.fieldIndex("face_id"));
                String model = r.getString(r.fieldIndex("model"));
                RgbImage gt = truth.get(id);
                RgbImage x;
                double tolerance;
                if (model.equals("input")) {
                    // The degraded input is re-made from the seeded pipeline: the exact image the job scored.
                    x = Degradation.apply(gt, DegradationPreset.DIFFBIR, 3, id, 0).lq();
                    tolerance = 1e-9;
                } else {
                    // A restoration is known here only through its thumbnail (8-bit PNG): scores agree to rounding.
                    x = codec.decode((byte[]) r.get(r.fieldIndex("output_png")), id);
                    tolerance = Double.NaN;
                }
                double psnr = Psnr.compute(x, gt, FidelityProtocol.RGB);
                double ssim = Ssim.compute(x, gt, FidelityProtocol.RGB);
                if (Double.isNaN(tolerance)) {
                    assertEquals(psnr, r.getDouble(r.fieldIndex("psnr")), 0.05, model + " " + id);
                    assertEquals(ssim, r.getDouble(r.fieldIndex("ssim")), 2e-3, model + " " + id);
                    continue;
                }
                assertEquals(psnr, r.getDouble(r.fieldIndex("psnr")), tolerance, id);
                assertEquals(ssim, r.getDouble(r.fieldIndex("ssim")), tolerance, id);
                assertEquals(MsSsim.compute(x, gt, FidelityProtocol.RGB), r.getDouble(r.fieldIndex("ms_ssim")), tolerance);
                assertEquals(DwtLowpassReward.meanAbsLowpassDifference(x, gt),
                        r.getDouble(r.fieldIndex("dwt_lowpass_distance")), tolerance);
                IdentityMetric.Score s = identity.score(x, gt);
                assertEquals(s.cosine(), r.getDouble(r.fieldIndex("identity_cosine")), 1e-6);
                assertEquals(s.degrees(), r.getDouble(r.fieldIndex("identity_degrees")), 1e-3);
                assertEquals(lmd.distance(x, gt), r.getDouble(r.fieldIndex("lmd")), 1e-4);
                checked++;
            }
        }
        assertTrue(checked >= 2, "input rows checked: " + checked);
    }

    @Test
    void aCheckpointComparedWithItselfDiffersByExactlyZero() throws IOException {
        Map<String, List<String>> paired = csv("paired.csv");
        int rows = 0;
        for (int i = 0; i < paired.get("model_a").size(); i++) {
            if (paired.get("model_a").get(i).equals("lrpo_again") && paired.get("model_b").get(i).equals("lrpo")) {
                String metric = paired.get("metric").get(i);
                if (paired.get("mean").get(i).isEmpty() || paired.get("mean").get(i).equals("NaN")) {
                    continue;
                }
                assertEquals(0.0, Double.parseDouble(paired.get("mean").get(i)), 0.0, metric);
                assertEquals(0.0, Double.parseDouble(paired.get("low").get(i)), 0.0, metric);
                assertEquals(0.0, Double.parseDouble(paired.get("high").get(i)), 0.0, metric);
                rows++;
            }
        }
        assertTrue(rows >= 8, "paired rows lrpo_again - lrpo: " + rows);
    }

    @Test
    void intervalsContainTheirMeans() throws IOException {
        Map<String, List<String>> s = csv("summary.csv");
        for (int i = 0; i < s.get("model").size(); i++) {
            String mean = s.get("mean").get(i);
            if (mean.isEmpty() || mean.equals("NaN")) {
                continue;
            }
            double m = Double.parseDouble(mean);
            assertTrue(Double.parseDouble(s.get("low").get(i)) <= m && m <= Double.parseDouble(s.get("high").get(i)),
                    s.get("model").get(i) + " " + s.get("metric").get(i));
        }
    }

    @Test
    void theRestoreRunAndTrainingCurvesAreInThePage() throws IOException {
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("LRPO: composite reward"), "training curves missing");
        assertTrue(html.contains("restored"), "restore-run section missing");
    }

    /** The page this job wrote, in a real browser: everything drawn from the page alone, a row per model. */
    @Test
    void thePageRendersInABrowser() throws Exception {
        ok(outcome);
        BrowserCheck.requireChromium();
        Path work = Files.createDirectories(shared.resolve("browser"));
        JsonNode r = BrowserCheck.probe(report.resolve("report.html"), Map.of("summaryRows",
                "table#summary > tbody > tr"), 1280, 3000, work);
        assertEquals(0, r.get("failed").size(), "failed loads: " + r.get("failed"));
        assertEquals(0, r.get("external").size(), "fetched from outside the page: " + r.get("external"));
        assertEquals(5, r.get("counts").get("summaryRows").asInt(), "input, stage1 and three checkpoints");
        assertTrue(r.get("images").size() > 10, "faces shown: " + r.get("images").size());
        for (JsonNode img : r.get("images")) {
            assertTrue(img.get("complete").asBoolean() && img.get("naturalWidth").asInt() > 0
                    && img.get("width").asDouble() > 0 && img.get("height").asDouble() > 0, "drawn: " + img);
        }
        assertTrue(r.get("svgs").size() >= 8, "interval and training charts: " + r.get("svgs").size());
        for (JsonNode svg : r.get("svgs")) {
            assertTrue(svg.get("width").asDouble() > 100 && svg.get("height").asDouble() > 50, "drawn: " + svg);
        }
        Path png = work.resolve("report.png");
        assertTrue(BrowserCheck.looksRendered(BrowserCheck.screenshot(report.resolve("report.html"), png, 1280, 3000,
                work), 20, 500), "the screenshot looks blank");
        Files.copy(png, Path.of("target/report-job-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Executes a notebook as CI does; its cells raise on anything they cannot read or plot. */
    static void execute(String notebook, String variable, Path folder) throws Exception {
        Path jupyter = Path.of("/usr/bin/jupyter");
        assertTrue(Files.isExecutable(jupyter), "/usr/bin/jupyter is missing: apt-get install jupyter-nbconvert "
                + "python3-ipykernel python3-pandas python3-matplotlib (.ci/run does)");
        Path repo = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(jupyter.toString(), "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=300", "--output-dir", shared.resolve("executed").toString(),
                repo.resolve("notebooks").resolve(notebook).toString()).redirectErrorStream(true);
        pb.environment().put(variable, folder.toString());
        pb.environment().put("MPLBACKEND", "Agg");
        BoundedProcess.Result r = BoundedProcess.run(pb, null, Duration.ofMinutes(10));
        assertEquals(0, r.exitCode(), notebook + " failed:\n" + r.out());
    }

    @Test
    void theNotebooksRunOnThisReportAndItsRun() throws Exception {
        ok(outcome);
        execute("explore-report.ipynb", "LRPO_REPORT_DIR", report);
        execute("training-dynamics.ipynb", "LRPO_RUN_DIR", run);
        assertTrue(Files.size(shared.resolve("executed/explore-report.ipynb")) > 10_000, "no outputs were made");
    }

    @Test
    void committedNotebooksCarryNoOutputs() throws Exception {
        Path repo = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder("/usr/bin/python3",
                repo.resolve("scripts/check-notebooks.py").toString()).directory(repo.toFile()).redirectErrorStream(true),
                null, Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), r.out());
    }

    @Test
    void badInputsFailClearlyBeforeAnySparkWork() throws IOException {
        Path file = Files.writeString(shared.resolve("a-file"), "x");
        Path other = Files.createDirectories(shared.resolve("other"));
        Files.writeString(other.resolve("keep.txt"), "someone's data");
        Path empty = Files.createDirectories(shared.resolve("empty"));
        int before = JOBS.get();
        assertBad(cli("report", List.of(), "--output", shared.resolve("r1").toString(), "--dataset",
                dataset.toString(), "--checkpoint", "x=" + shared.resolve("no-such-run")), "is not a trained run");
        assertBad(cli("report", List.of(), "--output", shared.resolve("r2").toString(), "--dataset",
                dataset.toString()), "needs at least one --checkpoint");
        assertBad(cli("report", List.of(), "--output", shared.resolve("r3").toString(), "--restore-run",
                empty.toString()), "has no _manifest");
        assertBad(cli("report", List.of(), "--output", file.toString(), "--run", run.toString()), "is a file");
        assertBad(cli("report", List.of(), "--output", other.toString(), "--run", run.toString()), "not empty");
        assertBad(cli("report", List.of(), "--output", shared.resolve("r4").toString(), "--run",
                empty.toString()), "holds no metrics table");
        assertBad(cli("report", List.of(), "--output", shared.resolve("r5").toString()), "nothing to report");
        assertBad(cli("report", List.of(), "--output", shared.resolve("r6").toString(), "--dataset",
                dataset.toString(), "--checkpoint", "input=" + run), "reserved");
        assertBad(cli("report", List.of("report.grid-metric=sharpness"), "--output", shared.resolve("r7").toString(),
                "--dataset", dataset.toString(), "--checkpoint", "lrpo=" + run), "grid-metric");
        assertEquals(before, JOBS.get(), "a bad input started Spark jobs");
        assertEquals("someone's data", Files.readString(other.resolve("keep.txt")));
    }

    @Test
    void aMismatchedCheckpointNamesBothStage1Fingerprints() throws Exception {
        Path other = shared.resolve("other-run");
        FileUtils.copyDirectory(run.toFile(), other.toFile());
        deleteTree(other.resolve("stage1"));
        // Stage 1 trained again with another seed: the copied policy no longer matches it.
        ok(TinyModel.cli("pretrain", TinyModel.settings(other, "seed=4"), "--stage", "restoration"));
        CliRun.Outcome o = cli("report", List.of(), "--output", shared.resolve("r8").toString(), "--dataset",
                dataset.toString(), "--checkpoint", "retrained=" + other.resolve("train"), "--checkpoint",
                "lrpo=" + run.resolve("train"));
        assertBad(o, "was trained against stage 1");
    }

    @Test
    void aDatasetWithoutHeldOutFacesIsRefused() {
        Path noHeldOut = shared.resolve("no-held-out");
        ok(cli("ingest", List.of("data.held-out-fraction=0"), "--generate", "4", "--output", noHeldOut.toString()));
        assertBad(cli("report", List.of(), "--output", shared.resolve("r9").toString(), "--dataset",
                noHeldOut.toString(), "--checkpoint", "lrpo=" + run), "has no held-out faces");
    }

    private static void assertBad(CliRun.Outcome o, String messagePart) {
        assertEquals(2, o.code(), o.out() + "\n" + o.err());
        assertTrue(o.err().contains(messagePart), "expected '" + messagePart + "' in:\n" + o.err());
    }

    private static String list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().toString();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}

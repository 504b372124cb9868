package org.lrpo.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;
import org.lrpo.jobs.testing.BrowserCheck;
import org.lrpo.jobs.testing.CliRun;

/**
 * {@code lrpo report --claims} end to end, as a user runs it after the claims experiment: the experiment at toy size
 * ({@code ClaimsExperimentTest}'s settings: supervised, lrpo and flat, two LRPO seeds, rounds 1 and 2 evaluated on
 * four held-out faces) into a folder, then a report of that folder through the command line; what the page and the
 * tables show, and the folders a user gets wrong.
 */
class ClaimsReportTest {
    private static final List<String> VARIANTS = List.of("supervised", "lrpo", "flat");
    private static final List<String> TRAINED = List.of("lrpo", "flat");
    private static final List<String> CHARTED = List.of("reward", "psnr", "ms_ssim", "identity_degrees", "lmd");
    /** The experiment's bootstrap settings, so the report's intervals are table.md's. */
    private static final String RESAMPLES = "report.bootstrap.resamples=200";

    @TempDir
    static Path shared;
    static Path claims;
    static Path report;
    static SparkSession spark;
    static CliRun.Outcome outcome;
    static final AtomicInteger JOBS = new AtomicInteger();

    @BeforeAll
    static void experimentThenReport() {
        spark = SparkSessions.create(new SparkSettings("local[2]", "lrpo-test", Map.of("spark.ui.enabled", "false")),
                "claims-report-test");
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                JOBS.incrementAndGet();
            }
        });
        claims = shared.resolve("claims");
        report = shared.resolve("report");
        CliRun.Outcome experiment = experiment(claims);
        assertEquals(0, experiment.code(), experiment.out() + "\n" + experiment.err());
        outcome = report("--claims", claims.toString(), "--output", report.toString());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void thePageHasTheClaimsSectionWithAChartPerMetricAndEveryVariant() throws IOException {
        ok(outcome);
        String html = Files.readString(report.resolve("report.html"));
        int from = html.indexOf("<section id=\"s-claims\">");
        assertTrue(from >= 0, "no claims section in the page");
        String section = html.substring(from, html.indexOf("</section>", from));
        List<String> charted = CHARTED.stream().filter(header("curves.csv")::contains).toList();
        assertEquals(CHARTED, charted, "the experiment writes every charted metric");
        assertEquals(charted.size(), count(section, "<svg"), "one chart per metric");
        for (String title : List.of("Held-out reward", "Held-out PSNR (dB)", "Held-out MS-SSIM", "Held-out IDS (°)",
                "Held-out LMD (px)")) {
            assertTrue(section.contains(title), title + " missing");
        }
        for (String v : VARIANTS) {
            assertTrue(section.contains("scope=\"row\">" + v + "<"), v + " has no table row");
            assertTrue(section.contains(">" + v + (v.equals("supervised") ? " (round 0)<" : "<")), v + " in no legend");
        }
        for (String table : List.of("claims-final", "claims-minus-lrpo", "claims-minus-supervised", "claims-area")) {
            assertTrue(section.contains("id=\"" + table + "\""), table + " missing");
        }
    }

    @Test
    void claimsCurvesHasARowPerVariantRoundAndMetricWithItsRuns() throws IOException {
        ok(outcome);
        List<Map<String, String>> rows = csv(report.resolve("claims_curves.csv"));
        List<String> metrics = header("faces.csv").subList(5, header("faces.csv").size());
        Set<String> expected = new HashSet<>();
        for (String m : metrics) {
            expected.add("supervised/0/" + m);
            for (String v : TRAINED) {
                for (int round = 0; round <= 2; round++) {
                    expected.add(v + "/" + round + "/" + m);
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (Map<String, String> r : rows) {
            String key = r.get("variant") + "/" + r.get("round") + "/" + r.get("metric");
            assertTrue(seen.add(key), "twice: " + key);
            double mean = Double.parseDouble(r.get("mean"));
            assertTrue(Double.parseDouble(r.get("low")) <= mean && mean <= Double.parseDouble(r.get("high")), key);
            // Two LRPO seeds per trained variant, round 0 included (both start from the supervised checkpoint).
            assertEquals(r.get("variant").equals("supervised") ? 1 : 2, Integer.parseInt(r.get("runs")), key);
            assertEquals(4, Integer.parseInt(r.get("faces")), key);
        }
        assertEquals(expected, seen);
    }

    @Test
    void curvesAreTheRunsMeansAndStartFromTheSupervisedValue() throws IOException {
        ok(outcome);
        Map<String, Double> mean = new HashMap<>();
        for (Map<String, String> r : csv(report.resolve("claims_curves.csv"))) {
            mean.put(r.get("variant") + "/" + r.get("round") + "/" + r.get("metric"),
                    Double.parseDouble(r.get("mean")));
        }
        // The experiment's own per-run means over faces, averaged over the runs of each variant and round.
        Map<String, List<Double>> perRun = new HashMap<>();
        for (Map<String, String> r : csv(claims.resolve("curves.csv"))) {
            for (String m : CHARTED) {
                perRun.computeIfAbsent(r.get("variant") + "/" + r.get("round") + "/" + m, k -> new ArrayList<>())
                        .add(Double.parseDouble(r.get(m)));
            }
        }
        perRun.forEach((key, values) -> assertEquals(values.stream().mapToDouble(d -> d).average().orElseThrow(),
                mean.get(key), 1e-9, key));
        for (String v : TRAINED) {
            for (String m : CHARTED) {
                assertEquals(mean.get("supervised/0/" + m), mean.get(v + "/0/" + m), 1e-12, v + " starts at " + m);
            }
        }
    }

    @Test
    void aCurvesLastPointIsItsCellInTableMd() throws IOException {
        ok(outcome);
        List<String> table = Files.readAllLines(claims.resolve("table.md"));
        int checked = 0;
        for (Map<String, String> r : csv(report.resolve("claims_curves.csv"))) {
            String v = r.get("variant");
            boolean supervised = v.equals("supervised");
            if (!r.get("metric").equals("reward") || Integer.parseInt(r.get("round")) != (supervised ? 0 : 2)) {
                continue;
            }
            // table.md's variant row: variant, runs, final round, then the reward cell as ClaimsTable formats it.
            String row = "| " + v + " | " + (supervised ? 1 : 2) + " | " + r.get("round") + " | ";
            String cell = String.format("%.4f [%.4f, %.4f]", Double.parseDouble(r.get("mean")),
                    Double.parseDouble(r.get("low")), Double.parseDouble(r.get("high")));
            String line = table.stream().filter(l -> l.startsWith(row)).findFirst().orElse("");
            assertTrue(line.startsWith(row + cell + " |"), v + ": " + cell + " not in\n" + String.join("\n", table));
            checked++;
        }
        assertEquals(VARIANTS.size(), checked);
        List<Map<String, String>> cells = csv(report.resolve("claims_table.csv"));
        for (String v : VARIANTS) {
            assertEquals(header("faces.csv").size() - 5, cells.stream()
                    .filter(c -> c.get("part").equals("final") && c.get("variant").equals(v)).count(), v);
        }
    }

    /** The page in a real browser: nothing fetched, every chart drawn at a visible size, a table row per variant. */
    @Test
    void thePageRendersInABrowser() throws Exception {
        ok(outcome);
        BrowserCheck.requireChromium();
        Path work = Files.createDirectories(shared.resolve("browser"));
        JsonNode r = BrowserCheck.probe(report.resolve("report.html"), Map.of(
                "charts", "#s-claims svg.chart", "finalRows", "table#claims-final > tbody > tr",
                "minusLrpoRows", "table#claims-minus-lrpo > tbody > tr"), 1280, 3000, work);
        assertEquals(0, r.get("failed").size(), "failed loads: " + r.get("failed"));
        assertEquals(0, r.get("external").size(), "fetched from outside the page: " + r.get("external"));
        assertEquals(CHARTED.size(), r.get("counts").get("charts").asInt(), "a chart per metric");
        assertEquals(VARIANTS.size(), r.get("counts").get("finalRows").asInt(), "a row per variant");
        assertEquals(VARIANTS.size() - 1, r.get("counts").get("minusLrpoRows").asInt(), "a row per other variant");
        assertEquals(CHARTED.size(), r.get("svgs").size());
        for (JsonNode svg : r.get("svgs")) {
            assertTrue(svg.get("width").asDouble() > 100 && svg.get("height").asDouble() > 50, "drawn: " + svg);
        }
        Path png = work.resolve("report.png");
        assertTrue(BrowserCheck.looksRendered(BrowserCheck.screenshot(report.resolve("report.html"), png, 1280, 3000,
                work), 20, 500), "the screenshot looks blank");
        Files.copy(png, Path.of("target/claims-report-screenshot.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void badClaimsFoldersFailClearlyBeforeAnySparkWork() throws IOException {
        Path empty = Files.createDirectories(shared.resolve("empty"));
        Path otherCsv = Files.createDirectories(shared.resolve("other-csv"));
        Files.writeString(otherCsv.resolve("curves.csv"), "step,loss\n1,0.5\n");
        Path noFaces = Files.createDirectories(shared.resolve("no-faces"));
        Files.copy(claims.resolve("curves.csv"), noFaces.resolve("curves.csv"));
        int before = JOBS.get();
        assertBad(report("--claims", shared.resolve("no-such-folder").toString(), "--output",
                shared.resolve("r1").toString()), "is not a folder");
        assertBad(report("--claims", empty.toString(), "--output", shared.resolve("r2").toString()),
                "has no curves.csv");
        assertBad(report("--claims", otherCsv.toString(), "--output", shared.resolve("r3").toString()),
                "curves.csv starts with columns [step, loss], not the claims experiment's [pretrain_seed, variant, "
                        + "seed, round]");
        assertBad(report("--claims", noFaces.toString(), "--output", shared.resolve("r4").toString()),
                "has no faces.csv");
        assertBad(report("--output", shared.resolve("r5").toString()), "--claims DIR");
        assertEquals(before, JOBS.get(), "a bad --claims started Spark jobs");
    }

    private static CliRun.Outcome report(String... flags) {
        List<String> args = new ArrayList<>(List.of("report"));
        args.addAll(List.of(flags));
        args.addAll(List.of("spark.master=\"local[2]\"", RESAMPLES));
        return CliRun.run(args.toArray(String[]::new));
    }

    /** {@code ClaimsExperimentTest}'s toy experiment. */
    private static CliRun.Outcome experiment(Path out) {
        String root = System.getProperty("repo.root", "..");
        List<String> args = new ArrayList<>(List.of("experiment", "-c", root + "/conf/claims.conf"));
        args.addAll(List.of("--variants", String.join(",", VARIANTS), "--seeds", "1,2"));
        args.addAll(List.of("output-dir=" + out, "seed=3", "threads=1",
                "engine-cache-dir=" + Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")).toAbsolutePath(),
                "model.resolution=32", "model.base-channels=8", "model.channel-multipliers=[1,2]",
                "model.group-norm-groups=4", "model.time-embedding-dim=16", "sampler.denoising-steps=3",
                "data.generated-identities=24", "data.held-out-fraction=0.3",
                "pretrain.optimiser-steps=2", "pretrain.batch-size=2", "pretrain.warmup-steps=0",
                "restoration.channels=8", "restoration.blocks=1", "restoration.optimiser-steps=2",
                "restoration.batch-size=2", "restoration.warmup-steps=0",
                "rl.rounds=2", "rl.faces-per-round=2", "rl.group-size=2", "rl.micro-batches=1",
                "rl.regulariser.last-denoising-steps=1",
                "reward.weights.identity=0", "reward.weights.niqe=0", "reward.weights.ssim=0.5",
                "reward.weights.dwt_lowpass=0.5",
                "experiment.held-out-faces=4", "experiment.samples=1", "experiment.eval-every=1", RESAMPLES));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static void ok(CliRun.Outcome o) {
        assertEquals(0, o.code(), o.out() + "\n" + o.err());
    }

    private static void assertBad(CliRun.Outcome o, String messagePart) {
        assertEquals(2, o.code(), o.out() + "\n" + o.err());
        assertTrue(o.err().contains(messagePart), "expected '" + messagePart + "' in:\n" + o.err());
    }

    private static List<String> header(String file) throws IOException {
        return List.of(Files.readAllLines(claims.resolve(file)).get(0).split(",", -1));
    }

    /** A CSV file as rows of header name to value (these files quote nothing). */
    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            assertEquals(header.length, v.length, line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < v.length; i++) {
                row.put(header[i], v[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

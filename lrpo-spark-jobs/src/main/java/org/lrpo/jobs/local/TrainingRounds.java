package org.lrpo.jobs.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code rounds.csv} of the claims experiment: one row per (pretrain seed, variant, seed, LRPO round) of every
 * finished run, from the runs' own {@code metrics/lrpo.jsonl}, so the training side (reward on the round's
 * faces, clipping, the regulariser and its gradient's share) sits beside the held-out rows; {@code round} counts
 * the rounds done, as in {@code curves.csv}. Rebuilt whole by
 * every invocation, so it always matches the finished runs.
 */
final class TrainingRounds {
    static final List<String> COLUMNS = List.of("pretrain_seed", "variant", "seed", "round", "reward_mean",
            "reward_std", "kept_groups", "clip_fraction", "approx_kl", "policy_loss", "regulariser",
            "regulariser_gradient_ratio", "grad_norm");
    /** The RoundReport fields behind the columns after the key. */
    private static final List<String> FIELDS = List.of("rewardMean", "rewardStd", "keptGroups", "clipFraction",
            "approxKl", "policyLoss", "regulariser", "regulariserGradientRatio", "gradNormMean");
    private static final Pattern MARKER = Pattern.compile("runs/pretrain-seed-(\\d+)/([^/]+)/seed-(\\d+)\\.done");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingRounds() {}

    /** Rewrites {@code dir/rounds.csv}; returns its data rows. */
    static int write(Path dir) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<Path> markers;
        try (Stream<Path> walk = Files.exists(dir.resolve("runs")) ? Files.walk(dir.resolve("runs")) : Stream.empty()) {
            markers = walk.filter(p -> p.toString().endsWith(".done")).sorted().toList();
        }
        for (Path marker : markers) {
            Matcher m = MARKER.matcher(dir.relativize(marker).toString().replace('\\', '/'));
            Path log = marker.resolveSibling(marker.getFileName().toString().replace(".done", ""))
                    .resolve("metrics/lrpo.jsonl");
            if (!m.matches() || !Files.exists(log)) {
                continue; // the supervised baseline trains no rounds
            }
            for (String line : Files.readAllLines(log)) {
                JsonNode r = JSON.readTree(line);
                List<String> row = new ArrayList<>(List.of(m.group(1), m.group(2), m.group(3),
                        Long.toString(r.get("round").asLong() + 1)));
                FIELDS.forEach(f -> row.add(Double.toString(r.get(f).asDouble())));
                rows.add(row);
            }
        }
        Path file = dir.resolve("rounds.csv");
        Files.deleteIfExists(file);
        new CsvTable(file, COLUMNS).append(rows);
        return rows.size();
    }
}

package org.lrpo.jobs.report;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.local.ClaimVariant;
import org.lrpo.jobs.local.ClaimsCurves;
import org.lrpo.jobs.local.ClaimsRows;
import org.lrpo.jobs.local.ClaimsTable;
import org.lrpo.jobs.report.ReportContent.Claims;

/**
 * The output folder of the claims experiment ({@code lrpo experiment -c conf/claims.conf}) as the report reads it,
 * before any Spark work: checked to hold {@code curves.csv} and {@code faces.csv} with the experiment's key
 * columns, then its per-face rows turned into the held-out curves and the table ({@link ClaimsCurves},
 * {@link ClaimsTable}), at the report's bootstrap settings. Read through Hadoop's file system like the report's
 * other inputs, so a folder copied to an object store reads as well.
 */
final class ClaimsFolder {
    static final String CURVES = "curves.csv";
    static final String FACES = "faces.csv";
    /** The columns {@code curves.csv} starts with. */
    static final List<String> CURVE_KEYS = ClaimsRows.KEYS.subList(0, 4);

    private ClaimsFolder() {}

    /** @throws BadInputException when {@code dir} is not a claims experiment's folder with at least one evaluation */
    static Claims read(Configuration hadoop, String dir, double confidence, int resamples) {
        try {
            Path root = new Path(dir);
            FileSystem fs = root.getFileSystem(hadoop);
            if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
                throw new BadInputException("--claims " + dir + " is not a folder: give the output-dir of "
                        + "`lrpo experiment -c conf/claims.conf`");
            }
            List<String> curvesHeader = records(fs, root, CURVES, dir).get(0);
            requireKeys(curvesHeader, CURVE_KEYS, CURVES, dir);
            List<List<String>> faces = records(fs, root, FACES, dir);
            List<String> header = faces.get(0);
            requireKeys(header, ClaimsRows.KEYS, FACES, dir);
            List<String> metrics = header.subList(ClaimsRows.KEYS.size(), header.size());
            // A row of another length is one an interrupted experiment tore; the experiment drops it when it resumes.
            List<List<String>> rows = faces.subList(1, faces.size()).stream()
                    .filter(r -> r.size() == header.size()).toList();
            if (metrics.isEmpty() || rows.isEmpty()) {
                throw new BadInputException("--claims " + dir + ": " + FACES + " has " + (metrics.isEmpty()
                        ? "no metric columns" : "no rows yet (no evaluation of the experiment has finished)"));
            }
            ClaimsTable table;
            try {
                table = new ClaimsTable(ClaimsRows.parse(rows, metrics), confidence, resamples);
            } catch (NumberFormatException e) {
                throw new BadInputException("--claims " + dir + ": " + FACES + " holds a value that is not a number: "
                        + e.getMessage(), e);
            }
            List<String> order = ClaimVariant.ALL.stream().map(ClaimVariant::name).toList();
            return new Claims(dir, ClaimsCurves.of(table, order), table.summary(order));
        } catch (IOException e) {
            throw new BadInputException("cannot read --claims " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every record of {@code name}, header first; fails when the file is missing or empty. */
    private static List<List<String>> records(FileSystem fs, Path root, String name, String dir) throws IOException {
        Path file = new Path(root, name);
        if (!fs.exists(file)) {
            throw new BadInputException("--claims " + dir + " has no " + name + ": give the output-dir of "
                    + "`lrpo experiment -c conf/claims.conf` (it writes curves.csv, faces.csv and table.md)");
        }
        List<List<String>> out = new ArrayList<>();
        try (Reader in = new InputStreamReader(fs.open(file), StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180)) {
            parser.forEach(r -> out.add(r.toList()));
        }
        if (out.isEmpty()) {
            throw new BadInputException("--claims " + dir + ": " + name + " is empty");
        }
        return out;
    }

    private static void requireKeys(List<String> header, List<String> keys, String name, String dir) {
        if (header.size() < keys.size() || !header.subList(0, keys.size()).equals(keys)) {
            throw new BadInputException("--claims " + dir + ": " + name + " starts with columns "
                    + header.subList(0, Math.min(header.size(), keys.size())) + ", not the claims experiment's "
                    + keys);
        }
    }
}

package org.lrpo.jobs.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * A CSV file rows are appended to, across invocations: a header line, then one line per row (RFC 4180 quoting
 * where a value needs it). Rows of one append are written by one call, and {@link #drop} also drops a torn last
 * line (wrong number of fields), so an interrupted writer leaves nothing a later reader miscounts.
 */
public final class CsvTable {
    /** RFC 4180 (Apache Commons CSV), with Unix line ends. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    private final Path file;
    private final List<String> header;

    /** Opens {@code file}, creating it with {@code header}; an existing file must have the same header. */
    public CsvTable(Path file, List<String> header) throws IOException {
        this.file = file;
        this.header = List.copyOf(header);
        if (!Files.exists(file) || Files.size(file) == 0) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line(header), StandardCharsets.UTF_8);
        } else {
            List<String> existing = records().get(0);
            if (!existing.equals(this.header)) {
                throw new IllegalStateException(file + " has columns " + existing + ", this run writes " + header
                        + ": use another output directory");
            }
        }
    }

    public Path file() {
        return file;
    }

    public void append(List<List<String>> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(row.size() + " values for " + header.size() + " columns");
            }
            sb.append(line(row));
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    /** Rewrites the file without the rows {@code drop} matches and without torn lines; returns how many went. */
    public int drop(Predicate<List<String>> drop) throws IOException {
        List<List<String>> kept = new ArrayList<>();
        List<List<String>> all = readAll();
        for (List<String> row : all) {
            if (!drop.test(row)) {
                kept.add(row);
            }
        }
        int torn = records().size() - 1 - all.size();
        if (kept.size() == all.size() && torn == 0) {
            return 0;
        }
        StringBuilder sb = new StringBuilder(line(header));
        kept.forEach(r -> sb.append(line(r)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return all.size() - kept.size() + torn;
    }

    /** Every complete row (header excluded). */
    public List<List<String>> readAll() throws IOException {
        List<List<String>> records = records();
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : records.subList(1, records.size())) {
            if (row.size() == header.size()) {
                rows.add(row);
            }
        }
        return rows;
    }

    public int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + file);
        }
        return i;
    }

    /** Every record of the file, header first, torn ones included (they have another number of fields). */
    private List<List<String>> records() throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, FORMAT)) {
            parser.forEach(r -> out.add(r.toList()));
        }
        return out;
    }

    static String line(List<String> values) {
        return FORMAT.format(values.toArray()) + "\n";
    }
}

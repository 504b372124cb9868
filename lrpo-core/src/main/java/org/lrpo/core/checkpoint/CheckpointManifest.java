package org.lrpo.core.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lrpo.core.optim.AdamW;

/**
 * {@code manifest.json} of a checkpoint folder: what the folder holds and how to resume from it.
 * Written last, so its presence (with every file it lists at its recorded size) marks the folder
 * complete.
 * <pre>
 * {"format": "lrpo-checkpoint", "schema_version": 1, "step": 120,
 *  "rng": {"run_seed": 42, "round": 3}, "config": "...",
 *  "files": {"weights": {"path": "weights.safetensors", "bytes": 1234, "sha256": "..."}, ...},
 *  "optimizer": {"type": "AdamW", "file": "optimizer", "step": 120, "beta1": 0.9, "beta2": 0.999,
 *                "eps": 1e-8, "weight_decay": 0.01},             (absent without optimiser state)
 *  "ema": {"file": "ema", "decay": 0.999, "updates": 120},       (absent without EMA)
 *  "links": {"stage1": "9f2c..."},                             (absent when empty)
 *  "provenance": {"created": "2026-11-26T05:40:00Z", "java.version": "17.0.15", ...}}
 * </pre>
 * {@code links} names what the weights were trained against: a diffusion policy's {@code stage1} is the
 * {@link WeightsFingerprint} of the restoration module whose outputs conditioned it.
 * The optimiser's tensors are named {@code exp_avg.<param>} and {@code exp_avg_sq.<param>} (torch's
 * state names); the EMA file uses the parameters' own names.
 */
public record CheckpointManifest(int schemaVersion, long step, RngCoordinates rng, String config,
        Map<String, FileRecord> files, Optional<OptimizerRecord> optimizer, Optional<EmaRecord> ema,
        Map<String, String> links, Map<String, String> provenance) {

    public static final String FORMAT = "lrpo-checkpoint";
    /** The schema this build writes and reads. Bump it when a field changes meaning. */
    public static final int SCHEMA_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";
    /** A real manifest is a few kB (the run's configuration is the bulk); a larger file is not read. */
    public static final int MAX_BYTES = 4 << 20;
    public static final String WEIGHTS = "weights";
    public static final String OPTIMIZER = "optimizer";
    public static final String EMA = "ema";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One file of the folder: its path relative to the folder, length and SHA-256 (hex). */
    public record FileRecord(String path, long bytes, String sha256) {
        public FileRecord {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /** AdamW's scalars; the moments are in the file named by {@code file} (a key of {@link #files}). */
    public record OptimizerRecord(String type, String file, long step, AdamW.Config config) {}

    /** The EMA's scalars; the averaged weights are in the file named by {@code file}. */
    public record EmaRecord(String file, double decay, long updates) {}

    public CheckpointManifest {
        files = Map.copyOf(files);
        links = Map.copyOf(links);
        provenance = Map.copyOf(provenance);
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(config, "config");
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("schema_version", schemaVersion);
        root.put("step", step);
        ObjectNode r = root.putObject("rng");
        r.put("run_seed", rng.runSeed());
        r.put("round", rng.round());
        root.put("config", config);
        ObjectNode f = root.putObject("files");
        for (String role : new java.util.TreeSet<>(files.keySet())) {
            FileRecord rec = files.get(role);
            ObjectNode n = f.putObject(role);
            n.put("path", rec.path());
            n.put("bytes", rec.bytes());
            n.put("sha256", rec.sha256());
        }
        optimizer.ifPresent(o -> {
            ObjectNode n = root.putObject("optimizer");
            n.put("type", o.type());
            n.put("file", o.file());
            n.put("step", o.step());
            n.put("beta1", o.config().beta1());
            n.put("beta2", o.config().beta2());
            n.put("eps", o.config().eps());
            n.put("weight_decay", o.config().weightDecay());
        });
        ema.ifPresent(e -> {
            ObjectNode n = root.putObject("ema");
            n.put("file", e.file());
            n.put("decay", e.decay());
            n.put("updates", e.updates());
        });
        if (!links.isEmpty()) {
            ObjectNode l = root.putObject("links");
            new java.util.TreeMap<>(links).forEach(l::put);
        }
        ObjectNode p = root.putObject("provenance");
        new java.util.TreeMap<>(provenance).forEach(p::put);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a manifest", e);
        }
    }

    /**
     * Parses a manifest. A file of another format or schema version is a {@link CheckpointMismatchException}
     * (checked before anything else, since a newer schema may mean other fields); a missing or mistyped
     * field is a {@link CheckpointFormatException} naming it.
     */
    public static CheckpointManifest parse(byte[] json, String source)
            throws CheckpointFormatException, CheckpointMismatchException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointFormatException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointFormatException(source + ": not a JSON object");
        }
        String format = text(root, "format", source);
        if (!format.equals(FORMAT)) {
            throw new CheckpointMismatchException(source + ": format \"" + format + "\", expected \"" + FORMAT + "\"");
        }
        // Compared as read: a cast to int would turn 2^32 + 1 into 1, the version this build reads.
        long schema = integer(root, "schema_version", source);
        if (schema != SCHEMA_VERSION) {
            throw new CheckpointMismatchException(source + ": checkpoint schema version " + schema
                    + ", this build reads version " + SCHEMA_VERSION);
        }
        long step = integer(root, "step", source);
        JsonNode rngNode = object(root, "rng", source);
        RngCoordinates rng;
        try {
            rng = new RngCoordinates(integer(rngNode, "run_seed", source), integer(rngNode, "round", source));
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(source + ": rng: " + e.getMessage(), e);
        }
        String config = text(root, "config", source);
        Map<String, FileRecord> files = new LinkedHashMap<>();
        JsonNode filesNode = object(root, "files", source);
        for (Iterator<Map.Entry<String, JsonNode>> it = filesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = source + ": files." + e.getKey();
            if (!e.getValue().isObject()) {
                throw new CheckpointFormatException(where + " is not an object");
            }
            files.put(e.getKey(), new FileRecord(text(e.getValue(), "path", where),
                    integer(e.getValue(), "bytes", where), text(e.getValue(), "sha256", where)));
        }
        if (!files.containsKey(WEIGHTS)) {
            throw new CheckpointFormatException(source + ": files lists no \"" + WEIGHTS + "\" entry");
        }
        Optional<OptimizerRecord> optimizer = Optional.empty();
        if (root.has("optimizer")) {
            JsonNode o = object(root, "optimizer", source);
            String where = source + ": optimizer";
            AdamW.Config cfg;
            try {
                cfg = new AdamW.Config(number(o, "beta1", where), number(o, "beta2", where), number(o, "eps", where),
                        number(o, "weight_decay", where));
            } catch (IllegalArgumentException e) {
                throw new CheckpointFormatException(where + ": " + e.getMessage(), e);
            }
            optimizer = Optional.of(new OptimizerRecord(text(o, "type", where), fileRole(o, files, where),
                    integer(o, "step", where), cfg));
        }
        Optional<EmaRecord> ema = Optional.empty();
        if (root.has("ema")) {
            JsonNode e = object(root, "ema", source);
            String where = source + ": ema";
            ema = Optional.of(new EmaRecord(fileRole(e, files, where), number(e, "decay", where),
                    integer(e, "updates", where)));
        }
        Map<String, String> links = new LinkedHashMap<>();
        if (root.has("links")) {
            JsonNode l = object(root, "links", source);
            for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                links.put(e.getKey(), e.getValue().asText());
            }
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        if (root.has("provenance")) {
            JsonNode p = object(root, "provenance", source);
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                provenance.put(e.getKey(), e.getValue().asText());
            }
        }
        return new CheckpointManifest(SCHEMA_VERSION, step, rng, config, files, optimizer, ema, links, provenance);
    }

    private static String fileRole(JsonNode node, Map<String, FileRecord> files, String where)
            throws CheckpointFormatException {
        String role = text(node, "file", where);
        if (!files.containsKey(role)) {
            throw new CheckpointFormatException(where + ": file \"" + role + "\" is not listed under files");
        }
        return role;
    }

    private static JsonNode object(JsonNode node, String field, String where) throws CheckpointFormatException {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new CheckpointFormatException(where + ": missing or non-object field \"" + field + "\"");
        }
        return v;
    }

    private static String text(JsonNode node, String field, String where) throws CheckpointFormatException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new CheckpointFormatException(where + ": missing or non-string field \"" + field + "\"");
        }
        return v.textValue();
    }

    private static long integer(JsonNode node, String field, String where) throws CheckpointFormatException {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new CheckpointFormatException(where + ": missing or non-integer field \"" + field + "\"");
        }
        return v.longValue();
    }

    private static double number(JsonNode node, String field, String where) throws CheckpointFormatException {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new CheckpointFormatException(where + ": missing or non-numeric field \"" + field + "\"");
        }
        return v.doubleValue();
    }
}

package org.lrpo.core.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lrpo.core.optim.AdamWState;
import org.lrpo.core.optim.ParameterLayout;

/**
 * Writes a checkpoint folder atomically: everything goes into a temporary folder
 * ({@link CheckpointNames#temporaryName}), {@code manifest.json} last, then the folder is renamed to
 * {@code step-%012d}. A crash leaves at most a temporary folder, which {@link CheckpointFinder}
 * ignores. Files: {@code weights.safetensors}, {@code optimizer.safetensors} and
 * {@code ema.safetensors} when present, {@code manifest.json} (see {@link CheckpointManifest}).
 */
public final class CheckpointWriter {
    static final String WEIGHTS_FILE = "weights.safetensors";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String EMA_FILE = "ema.safetensors";
    static final String EXP_AVG = "exp_avg.";
    static final String EXP_AVG_SQ = "exp_avg_sq.";
    /** Marks our safetensors files as PyTorch tensors for Hugging Face tools. */
    static final Map<String, String> SAFETENSORS_METADATA = Map.of("format", "pt");

    private final CheckpointStore store;

    public CheckpointWriter(CheckpointStore store) {
        this.store = store;
    }

    /**
     * Writes {@code contents} as checkpoint {@code step-%012d} and returns that folder name.
     *
     * <p>What an interrupted earlier write left is cleaned first: temporary folders, and a step folder that is not
     * complete ({@link CheckpointFinder}: on object stores a rename is a copy per file, and a crash mid-copy leaves
     * some of them under the final name). Without this, every resume would stop at that step.
     *
     * @throws java.nio.file.FileAlreadyExistsException if a complete checkpoint of this step already exists
     */
    public String write(CheckpointContents contents) throws IOException {
        String name = CheckpointNames.name(contents.step());
        for (String leftover : store.list("")) {
            if (CheckpointNames.isTemporary(leftover)) {
                store.deleteRecursively(leftover);
            }
        }
        if (store.exists(name)) {
            if (new CheckpointFinder(store).isComplete(name)) {
                throw new java.nio.file.FileAlreadyExistsException(store.describe(name), null,
                        "a checkpoint of step " + contents.step() + " already exists");
            }
            store.deleteRecursively(name);
        }
        String tmp = CheckpointNames.temporaryName(contents.step());
        boolean done = false;
        try {
            Map<String, CheckpointManifest.FileRecord> files = new LinkedHashMap<>();
            files.put(CheckpointManifest.WEIGHTS, writeTensors(tmp, WEIGHTS_FILE,
                    contents.weights().layout(), contents.weights().flat()));

            Optional<CheckpointManifest.OptimizerRecord> optimizer = Optional.empty();
            if (contents.optimizer().isPresent()) {
                OptimizerSnapshot o = contents.optimizer().get();
                AdamWState s = o.state();
                ParameterLayout moments = momentsLayout(o.layout());
                float[] flat = new float[2 * s.m().length];
                System.arraycopy(s.m(), 0, flat, 0, s.m().length);
                System.arraycopy(s.v(), 0, flat, s.m().length, s.v().length);
                files.put(CheckpointManifest.OPTIMIZER, writeTensors(tmp, OPTIMIZER_FILE, moments, flat));
                optimizer = Optional.of(new CheckpointManifest.OptimizerRecord("AdamW", CheckpointManifest.OPTIMIZER,
                        s.step(), s.config()));
            }

            Optional<CheckpointManifest.EmaRecord> ema = Optional.empty();
            if (contents.ema().isPresent()) {
                EmaSnapshot e = contents.ema().get();
                files.put(CheckpointManifest.EMA, writeTensors(tmp, EMA_FILE, e.layout(), e.state().shadow()));
                ema = Optional.of(new CheckpointManifest.EmaRecord(CheckpointManifest.EMA, e.state().decay(),
                        e.state().updates()));
            }

            CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.SCHEMA_VERSION, contents.step(),
                    contents.rng(), contents.config(), files, optimizer, ema, contents.links(), Provenance.current());
            try (OutputStream out = store.create(tmp + "/" + CheckpointManifest.FILE_NAME)) {
                out.write(manifest.toJson());
            }
            store.renameDirectory(tmp, name);
            done = true;
            return name;
        } finally {
            if (!done) {
                try {
                    store.deleteRecursively(tmp);
                } catch (IOException cleanup) {
                    // The original failure matters more; a stray temporary folder is ignored by the finder.
                }
            }
        }
    }

    /** {@code exp_avg.<name>} for every tensor, then {@code exp_avg_sq.<name>}: m then v, flat. */
    static ParameterLayout momentsLayout(ParameterLayout params) {
        ParameterLayout.Builder b = ParameterLayout.builder();
        for (ParameterLayout.Entry e : params.entries()) {
            b.add(EXP_AVG + e.name(), e.shape());
        }
        for (ParameterLayout.Entry e : params.entries()) {
            b.add(EXP_AVG_SQ + e.name(), e.shape());
        }
        return b.build();
    }

    private CheckpointManifest.FileRecord writeTensors(String dir, String file, ParameterLayout layout, float[] flat)
            throws IOException {
        MessageDigest sha = sha256();
        CountingOutputStream counted;
        try (OutputStream raw = store.create(dir + "/" + file);
                CountingOutputStream c = new CountingOutputStream(new DigestOutputStream(raw, sha))) {
            counted = c;
            java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(c, 1 << 16);
            SafetensorsWriter.write(buffered, layout, flat, SAFETENSORS_METADATA);
            buffered.flush();
        }
        return new CheckpointManifest.FileRecord(file, counted.count(), HexFormat.of().formatHex(sha.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }
}

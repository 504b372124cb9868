package org.lrpo.core.checkpoint;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.optim.AdamWState;
import org.lrpo.core.optim.EmaState;
import org.lrpo.core.optim.ParameterLayout;
import org.lrpo.core.optim.ParameterSet;

/**
 * Loads a checkpoint folder and checks it against the model that will use it.
 *
 * <p>Checks, in order: the manifest's format and schema version; each listed file's presence, size
 * (a short file is reported as truncated before it is parsed) and SHA-256; the safetensors structure;
 * then every tensor's name, dtype and shape against the expected {@link ParameterLayout}. A
 * malformed file is a {@link CheckpointFormatException}; a well-formed checkpoint that does not fit
 * the model is a {@link CheckpointMismatchException} listing every mismatch, e.g.
 * {@code tensor down.0.conv.weight: checkpoint shape [32,3,3,3], model expects [64,3,3,3]}.
 * Tensors are matched by name, so the file's order does not matter; the result follows the expected
 * layout's order.
 */
public final class CheckpointReader {
    private static final int MAX_LISTED_MISMATCHES = 20;

    private final CheckpointStore store;

    public CheckpointReader(CheckpointStore store) {
        this.store = store;
    }

    /** Loads checkpoint {@code name} whose weights, optimiser state and EMA all follow {@code layout}. */
    public LoadedCheckpoint load(String name, ParameterLayout layout) throws IOException {
        return load(name, layout, layout);
    }

    /**
     * Loads checkpoint {@code name}: weights checked against {@code weightsLayout}, optimiser state and
     * EMA (over the trainable parameters only) against {@code trainableLayout}.
     */
    public LoadedCheckpoint load(String name, ParameterLayout weightsLayout, ParameterLayout trainableLayout)
            throws IOException {
        CheckpointManifest manifest = readManifest(name);
        SafetensorsFile weightsFile = readVerified(name, manifest.files().get(CheckpointManifest.WEIGHTS));
        ParameterSet weights = match(weightsFile, weightsLayout, "");

        Optional<OptimizerSnapshot> optimizer = Optional.empty();
        if (manifest.optimizer().isPresent()) {
            CheckpointManifest.OptimizerRecord rec = manifest.optimizer().get();
            if (!rec.type().equals("AdamW")) {
                throw new CheckpointMismatchException(store.describe(name) + ": optimiser type " + rec.type()
                        + ", this build restores AdamW");
            }
            SafetensorsFile file = readVerified(name, manifest.files().get(rec.file()));
            ParameterSet moments = match(file, CheckpointWriter.momentsLayout(trainableLayout), "");
            int n = trainableLayout.totalSize();
            float[] m = java.util.Arrays.copyOfRange(moments.flat(), 0, n);
            float[] v = java.util.Arrays.copyOfRange(moments.flat(), n, 2 * n);
            optimizer = Optional.of(new OptimizerSnapshot(trainableLayout, new AdamWState(rec.config(), rec.step(), m, v)));
        }

        Optional<EmaSnapshot> ema = Optional.empty();
        if (manifest.ema().isPresent()) {
            CheckpointManifest.EmaRecord rec = manifest.ema().get();
            SafetensorsFile file = readVerified(name, manifest.files().get(rec.file()));
            ParameterSet shadow = match(file, trainableLayout, "");
            try {
                ema = Optional.of(new EmaSnapshot(trainableLayout, new EmaState(rec.decay(), rec.updates(), shadow.flat())));
            } catch (IllegalArgumentException e) {
                throw new CheckpointFormatException(store.describe(name) + ": ema: " + e.getMessage(), e);
            }
        }
        CheckpointContents contents = new CheckpointContents(manifest.step(), manifest.rng(), manifest.config(),
                weights, optimizer, ema, manifest.links());
        return new LoadedCheckpoint(name, manifest, contents);
    }

    /**
     * Reads and parses {@code name/manifest.json}; a folder without one is incomplete. At most
     * {@link CheckpointManifest#MAX_BYTES} are read: a larger file is refused, not loaded.
     */
    public CheckpointManifest readManifest(String name) throws IOException {
        String path = name + "/" + CheckpointManifest.FILE_NAME;
        byte[] json;
        try (InputStream in = store.open(path)) {
            json = in.readNBytes(CheckpointManifest.MAX_BYTES + 1);
            if (json.length > CheckpointManifest.MAX_BYTES) {
                throw new CheckpointFormatException(store.describe(path) + ": larger than "
                        + (CheckpointManifest.MAX_BYTES >> 20) + " MiB, which no checkpoint manifest is; not read");
            }
        } catch (NoSuchFileException e) {
            throw new CheckpointFormatException(store.describe(name) + ": no " + CheckpointManifest.FILE_NAME
                    + " (incomplete or not a checkpoint)", e);
        }
        return CheckpointManifest.parse(json, store.describe(path));
    }

    private SafetensorsFile readVerified(String name, CheckpointManifest.FileRecord rec) throws IOException {
        if (rec.path().isEmpty() || rec.path().contains("/") || rec.path().contains("\\") || rec.path().startsWith(".")) {
            throw new CheckpointFormatException(store.describe(name) + ": manifest lists file \"" + rec.path()
                    + "\", which is not a plain file name in the checkpoint folder");
        }
        String path = name + "/" + rec.path();
        String where = store.describe(path);
        if (!store.exists(path)) {
            throw new CheckpointFormatException(where + ": missing, but " + CheckpointManifest.FILE_NAME + " lists it");
        }
        long size = store.size(path);
        if (size != rec.bytes()) {
            throw new CheckpointFormatException(where + ": " + size + " bytes, " + CheckpointManifest.FILE_NAME
                    + " records " + rec.bytes() + (size < rec.bytes() ? " (truncated)" : " (replaced or appended to)"));
        }
        MessageDigest sha = CheckpointWriter.sha256();
        SafetensorsFile file;
        try (InputStream in = new DigestInputStream(new BufferedInputStream(store.open(path), 1 << 16), sha)) {
            file = SafetensorsReader.read(in, where, size);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equalsIgnoreCase(rec.sha256())) {
            throw new CheckpointFormatException(where + ": SHA-256 " + actual + ", " + CheckpointManifest.FILE_NAME
                    + " records " + rec.sha256() + " (corrupted)");
        }
        return file;
    }

    /** The file's tensors in {@code expected}'s order, or every name/dtype/shape mismatch at once. */
    static ParameterSet match(SafetensorsFile file, ParameterLayout expected, String prefix)
            throws CheckpointMismatchException {
        List<String> problems = new ArrayList<>();
        for (ParameterLayout.Entry e : expected.entries()) {
            Optional<SafetensorsFile.Header> h = file.header(e.name());
            if (h.isEmpty()) {
                problems.add("tensor " + e.name() + ": missing from checkpoint, model expects " + e.shapeString());
                continue;
            }
            if (!h.get().dtype().equals("F32")) {
                problems.add("tensor " + e.name() + ": checkpoint dtype " + h.get().dtype() + ", model expects F32");
            }
            if (!java.util.Arrays.equals(h.get().shape(), e.shape())) {
                problems.add("tensor " + e.name() + ": checkpoint shape " + h.get().shapeString()
                        + ", model expects " + e.shapeString());
            }
        }
        for (SafetensorsFile.Header h : file.headers()) {
            if (!expected.contains(h.name())) {
                problems.add("tensor " + h.name() + ": in checkpoint (" + h.shapeString() + "), not in model");
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder(file.source()).append(": ").append(problems.size())
                    .append(problems.size() == 1 ? " mismatch" : " mismatches").append(" with the model:");
            for (int i = 0; i < Math.min(problems.size(), MAX_LISTED_MISMATCHES); i++) {
                sb.append("\n  ").append(problems.get(i));
            }
            if (problems.size() > MAX_LISTED_MISMATCHES) {
                sb.append("\n  ... and ").append(problems.size() - MAX_LISTED_MISMATCHES).append(" more");
            }
            throw new CheckpointMismatchException(sb.toString());
        }
        ParameterSet out = ParameterSet.zeros(expected);
        for (ParameterLayout.Entry e : expected.entries()) {
            System.arraycopy(file.f32Values().get(e.name()), 0, out.flat(), e.offset(), e.size());
        }
        return out;
    }
}

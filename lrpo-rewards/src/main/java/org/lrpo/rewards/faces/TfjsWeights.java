package org.lrpo.rewards.faces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a TensorFlow.js weights manifest ({@code <model>-weights_manifest.json}) and its binary shards.
 *
 * <p>Format (tfjs-core {@code io/io_utils.ts}, {@code decodeWeights}): the manifest is a list of groups;
 * each group lists shard files whose bytes, concatenated, hold the group's weights back to back,
 * little-endian, in manifest order. A weight with a {@code quantization} entry is stored as
 * {@code uint8} or {@code uint16} codes {@code q} and decoded as {@code value = q * scale + min}
 * (computed in double, stored as float32, as tfjs does), or as IEEE {@code float16}; otherwise it is
 * stored in its {@code dtype} (only {@code float32} occurs in face-api's networks).
 */
public final class TfjsWeights {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String modelName;
    private final Map<String, TfjsTensor> tensors;

    private TfjsWeights(String modelName, Map<String, TfjsTensor> tensors) {
        this.modelName = modelName;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Loads {@code <modelDir>/<modelName>-weights_manifest.json} and the shards it names. */
    public static TfjsWeights load(Path modelDir, String modelName) {
        Path manifest = modelDir.resolve(modelName + "-weights_manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("no TF.js manifest " + manifest);
        }
        try {
            JsonNode groups = JSON.readTree(manifest.toFile());
            if (!groups.isArray() || groups.isEmpty()) {
                throw new IllegalArgumentException(manifest + ": expected a non-empty JSON array of weight groups");
            }
            Map<String, TfjsTensor> out = new LinkedHashMap<>();
            for (JsonNode group : groups) {
                ByteBuffer data = readShards(modelDir, group.path("paths"), manifest);
                for (JsonNode spec : group.path("weights")) {
                    TfjsTensor t = decode(spec, data, manifest);
                    if (out.put(t.name(), t) != null) {
                        throw new IllegalArgumentException(manifest + ": weight " + t.name() + " listed twice");
                    }
                }
                if (data.hasRemaining()) {
                    throw new IllegalArgumentException(manifest + ": " + data.remaining()
                            + " bytes of shard data left over after the last weight of the group");
                }
            }
            return new TfjsWeights(modelName, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TF.js weights " + manifest, e);
        }
    }

    private static ByteBuffer readShards(Path modelDir, JsonNode paths, Path manifest) throws IOException {
        if (!paths.isArray() || paths.isEmpty()) {
            throw new IllegalArgumentException(manifest + ": weight group without shard paths");
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JsonNode p : paths) {
            Path shard = modelDir.resolve(p.asText());
            if (!Files.isRegularFile(shard)) {
                throw new IllegalArgumentException(manifest + " names shard " + shard + ", which is missing");
            }
            all.write(Files.readAllBytes(shard));
        }
        return ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static TfjsTensor decode(JsonNode spec, ByteBuffer data, Path manifest) {
        String name = spec.path("name").asText(null);
        if (name == null) {
            throw new IllegalArgumentException(manifest + ": weight entry without a name: " + spec);
        }
        JsonNode shapeNode = spec.path("shape");
        int[] shape = new int[shapeNode.size()];
        int n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
            n = Math.multiplyExact(n, shape[i]);
        }
        String dtype = spec.path("dtype").asText();
        JsonNode quant = spec.get("quantization");
        float[] values = new float[n];
        if (quant != null && !quant.isNull()) {
            String qtype = quant.path("dtype").asText();
            int width = switch (qtype) {
                case "uint8" -> 1;
                case "uint16", "float16" -> 2;
                default -> throw new IllegalArgumentException(manifest + ": weight " + name
                        + " has unsupported quantization dtype '" + qtype + "'");
            };
            requireBytes(data, (long) n * width, name, manifest);
            if (qtype.equals("float16")) {
                for (int i = 0; i < n; i++) {
                    values[i] = halfToFloat(data.getShort());
                }
            } else {
                double scale = quant.path("scale").asDouble(Double.NaN);
                double min = quant.path("min").asDouble(Double.NaN);
                if (Double.isNaN(scale) || Double.isNaN(min)) {
                    throw new IllegalArgumentException(manifest + ": weight " + name + " is " + qtype
                            + "-quantised but lacks scale or min");
                }
                for (int i = 0; i < n; i++) {
                    int q = width == 1 ? Byte.toUnsignedInt(data.get()) : Short.toUnsignedInt(data.getShort());
                    values[i] = (float) (q * scale + min);
                }
            }
        } else if (dtype.equals("float32")) {
            requireBytes(data, 4L * n, name, manifest);
            for (int i = 0; i < n; i++) {
                values[i] = data.getFloat();
            }
        } else {
            throw new IllegalArgumentException(manifest + ": weight " + name + " has unsupported dtype '" + dtype + "'");
        }
        return new TfjsTensor(name, shape, values);
    }

    /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float sub = mant * 0x1p-24f;
            return sign == 0 ? sub : -sub;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static void requireBytes(ByteBuffer data, long bytes, String name, Path manifest) {
        if (data.remaining() < bytes) {
            throw new IllegalArgumentException(manifest + ": shard data ends inside weight " + name + " (needs "
                    + bytes + " bytes, " + data.remaining() + " left): truncated or corrupt .bin file?");
        }
    }

    public String modelName() {
        return modelName;
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    /** The tensor called {@code name}, checked to have the expected shape. */
    public TfjsTensor get(String name, int... expectedShape) {
        TfjsTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(modelName + ": no weight named " + name);
        }
        if (expectedShape.length > 0 && !Arrays.equals(t.shape(), expectedShape)) {
            throw new IllegalArgumentException(modelName + ": weight " + name + " has shape "
                    + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(expectedShape));
        }
        return t;
    }

    /** The tensor called {@code name} of the given rank, any sizes. */
    public TfjsTensor getRank(String name, int rank) {
        TfjsTensor t = get(name);
        if (t.rank() != rank) {
            throw new IllegalArgumentException(modelName + ": weight " + name + " has rank " + t.rank()
                    + ", expected " + rank);
        }
        return t;
    }
}

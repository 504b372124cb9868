package org.lrpo.rewards.faces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.random.Seeds;

/**
 * The shared fixture of the face-network conformance tests: a fixed set of images and what face-api
 * 1.7.15 itself (Node 20, TF.js 4.22.0, WASM backend) computes on them.
 *
 * <p>Images: face-api's own {@code demo/sample1..6.jpg} (group photos, 1920 wide), crops of the faces
 * in them, and generated PNGs. Pixels are decoded here, in Java ({@code javax.imageio}), and handed to
 * Node as raw RGB bytes, so both sides see identical pixels; Node has no JPEG decoder of its own and two
 * decoders may round differently (see {@code src/test/node/face-api-reference.js}).
 *
 * <p>Face crops: the boxes below are what the reference's tiny face detector found at input size 416
 * (rounded). Any fixed rectangles would test conformance; faces make the numbers meaningful.
 * {@code *_150} crops are squares around the box (side 1.2 x the longer box side, clipped to the photo)
 * resized to 150x150 with Java2D bilinear interpolation (the descriptor net's native input);
 * {@code *_box} crops are the raw boxes at native resolution (not square: exercises face-api's
 * pad-to-square and resize).
 *
 * <p>Running: the fixture calls {@code scripts/fetch-face-models.sh} (idempotent) and
 * {@code scripts/face-api-reference.sh} (installs the pinned npm packages on first use), so a test run
 * needs only {@code node} and {@code npm} on the PATH; the first run needs the npm registry.
 */
final class FaceApiReference {
    /** (photo, x, y, width, height): faces the reference detector found. */
    static final int[][] FACE_BOXES = {
        {1, 776, 445, 313, 256}, {1, 1422, 215, 307, 283}, {1, 337, 397, 305, 251},
        {2, 1403, 173, 277, 264}, {3, 1005, 252, 325, 275}, {3, 525, 370, 313, 271},
        {5, 313, 897, 316, 313}, {6, 616, 378, 295, 275},
    };
    static final long SEED = 20261126L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FaceApiReference instance;

    final Map<String, Picture> pictures = new LinkedHashMap<>();
    final List<String> descriptorInputs = new ArrayList<>();
    final List<String> landmarkInputs = new ArrayList<>();
    final List<DetectionCase> detectionCases = new ArrayList<>();
    final FaceModelFiles models;
    final JsonNode reference;

    /** An image as interleaved RGB bytes (what Node reads) with its [0, 1] float view. */
    record Picture(String name, int width, int height, byte[] rgb) {
        RgbImage image() {
            float[] chw = new float[3 * width * height];
            int plane = width * height;
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    chw[c * plane + i] = (rgb[3 * i + c] & 0xff) / 255f;
                }
            }
            return RgbImage.wrap(width, height, chw);
        }
    }

    record DetectionCase(String image, int inputSize, double scoreThreshold) {
    }

    static synchronized FaceApiReference get() {
        if (instance == null) {
            instance = new FaceApiReference();
        }
        return instance;
    }

    private FaceApiReference() {
        Path repo = Paths.get(System.getProperty("lrpo.repo.root", "..")).toAbsolutePath().normalize();
        FaceModelFiles located = FaceModelFiles.locate();
        run(List.of(repo.resolve("scripts/fetch-face-models.sh").toString()),
                Map.of(FaceModelFiles.ENV, located.root().toString()), repo);
        this.models = located;
        try {
            buildFixture(models.demoDir());
            Path dir = Paths.get(System.getProperty("basedir", "."), "target", "face-api-reference")
                    .toAbsolutePath().normalize();
            Files.createDirectories(dir);
            Path inputs = writeInputs(dir);
            Path output = dir.resolve("reference.json");
            Files.deleteIfExists(output);
            run(List.of(repo.resolve("scripts/face-api-reference.sh").toString(), inputs.toString(),
                    output.toString()), Map.of(), repo);
            this.reference = JSON.readTree(output.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void buildFixture(Path demo) throws IOException {
        Map<Integer, BufferedImage> photos = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            BufferedImage photo = ImageIO.read(demo.resolve("sample" + i + ".jpg").toFile());
            photos.put(i, photo);
            add("sample" + i, photo);
            detectionCases.add(new DetectionCase("sample" + i, 416, 0.5));
        }
        detectionCases.add(new DetectionCase("sample1", 320, 0.3));
        detectionCases.add(new DetectionCase("sample3", 608, 0.5));
        for (int[] b : FACE_BOXES) {
            BufferedImage photo = photos.get(b[0]);
            String base = "sample" + b[0] + "_" + b[1] + "_" + b[2];
            int side = (int) Math.round(1.2 * Math.max(b[3], b[4]));
            int x0 = Math.max(0, b[1] + b[3] / 2 - side / 2);
            int y0 = Math.max(0, b[2] + b[4] / 2 - side / 2);
            side = Math.min(side, Math.min(photo.getWidth() - x0, photo.getHeight() - y0));
            add(base + "_150", resize(photo.getSubimage(x0, y0, side, side), 150, 150));
            add(base + "_box", photo.getSubimage(b[1], b[2], b[3], b[4]));
            descriptorInputs.add(base + "_150");
            landmarkInputs.add(base + "_150");
            landmarkInputs.add(base + "_box");
        }
        descriptorInputs.add("sample1_776_445_box");
        descriptorInputs.add("sample5_313_897_box");
        // A tall portrait cut from a photo: the detector pads it on the right instead of the bottom.
        add("sample5_portrait", photos.get(5).getSubimage(200, 300, 700, 1098));
        detectionCases.add(new DetectionCase("sample5_portrait", 416, 0.5));
        add("generated_150", generated(150, 150, 0));
        add("generated_201x163", generated(201, 163, 1));
        descriptorInputs.add("generated_150");
        descriptorInputs.add("generated_201x163");
        landmarkInputs.add("generated_201x163");
    }

    /** Seeded smooth colour blobs, written as PNG and read back, so the PNG path is exercised too. */
    private BufferedImage generated(int width, int height, long index) throws IOException {
        SplittableRandom rnd = Seeds.stream(SEED, "faces.generated", index);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double[][] blobs = new double[12][6];
        for (double[] blob : blobs) {
            blob[0] = rnd.nextDouble() * width;
            blob[1] = rnd.nextDouble() * height;
            blob[2] = 10 + rnd.nextDouble() * 40;
            for (int c = 3; c < 6; c++) {
                blob[c] = rnd.nextDouble() * 255;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double[] rgb = {40, 40, 40};
                for (double[] blob : blobs) {
                    double d2 = ((x - blob[0]) * (x - blob[0]) + (y - blob[1]) * (y - blob[1])) / (blob[2] * blob[2]);
                    double w = Math.exp(-d2);
                    for (int c = 0; c < 3; c++) {
                        rgb[c] = rgb[c] * (1 - w) + blob[3 + c] * w;
                    }
                }
                int r = (int) Math.round(Math.min(255, rgb[0]));
                int g = (int) Math.round(Math.min(255, rgb[1]));
                int b = (int) Math.round(Math.min(255, rgb[2]));
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        Path png = Files.createTempFile("lrpo-generated-face", ".png");
        try {
            ImageIO.write(img, "png", png.toFile());
            return ImageIO.read(png.toFile());
        } finally {
            Files.deleteIfExists(png);
        }
    }

    private static BufferedImage resize(BufferedImage src, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    private void add(String name, BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[3 * w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = 3 * (y * w + x);
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        pictures.put(name, new Picture(name, w, h, rgb));
    }

    private Path writeInputs(Path dir) throws IOException {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("modelDir", models.modelDir().toString());
        ArrayNode images = spec.putArray("images");
        for (Picture p : pictures.values()) {
            String file = p.name() + ".rgb";
            Files.write(dir.resolve(file), p.rgb());
            images.addObject().put("name", p.name()).put("file", file).put("width", p.width()).put("height", p.height());
        }
        ArrayNode d = spec.putArray("descriptor");
        descriptorInputs.forEach(d::add);
        ArrayNode l = spec.putArray("landmarks");
        landmarkInputs.forEach(l::add);
        ArrayNode det = spec.putArray("detection");
        for (DetectionCase c : detectionCases) {
            det.addObject().put("image", c.image()).put("inputSize", c.inputSize()).put("scoreThreshold", c.scoreThreshold());
        }
        spec.putObject("benchmark").put("image", descriptorInputs.get(0)).put("repeats", 5);
        Path inputs = dir.resolve("inputs.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(inputs.toFile(), spec);
        return inputs;
    }

    RgbImage image(String name) {
        Picture p = pictures.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no fixture image " + name);
        }
        return p.image();
    }

    float[] referenceDescriptor(String name) {
        return floats(reference.path("descriptors").path(name), name);
    }

    /** 68 (x, y) pairs in pixels of the input image, from the full landmark net. */
    float[][] referenceLandmarks(String name) {
        return referenceLandmarks(name, FaceLandmark68Net.Variant.FULL);
    }

    float[][] referenceLandmarks(String name, FaceLandmark68Net.Variant variant) {
        String key = variant == FaceLandmark68Net.Variant.TINY ? "landmarksTiny" : "landmarks";
        JsonNode pts = reference.path(key).path(name);
        if (pts.size() != 68) {
            throw new IllegalStateException("reference has " + pts.size() + " landmarks for " + name);
        }
        float[][] out = new float[68][2];
        for (int i = 0; i < 68; i++) {
            out[i][0] = (float) pts.get(i).get(0).asDouble();
            out[i][1] = (float) pts.get(i).get(1).asDouble();
        }
        return out;
    }

    private static float[] floats(JsonNode arr, String name) {
        if (!arr.isArray() || arr.isEmpty()) {
            throw new IllegalStateException("reference has no values for " + name);
        }
        float[] out = new float[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) arr.get(i).asDouble();
        }
        return out;
    }

    private static void run(List<String> command, Map<String, String> env, Path workDir) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Path log = Files.createTempFile("lrpo-face-api", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String out = Files.readString(log);
            Files.deleteIfExists(log);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("failed (exit " + p.exitValue() + "): " + String.join(" ", command)
                        + "\n" + out);
            }
            System.out.print(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}

package org.lrpo.rewards.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/**
 * NIQE (Mittal, Soundararajan, Bovik, "Making a completely blind image quality analyzer", IEEE SPL 2013),
 * METHOD.md §4 component {@code niqe}: a pristine multivariate Gaussian (mean, covariance) of the 36
 * {@link NiqeFeatures} over sharp blocks of high-quality images, and the distance of a test image's block
 * statistics from it. Lower is more natural.
 *
 * <p><b>Luma.</b> Images are scored on the MATLAB Y channel on [0, 255] ({@link ChannelSpace#Y}), rounded to
 * integers, as VQFR's {@code calculate_niqe} ({@code convert_to='y'}) does.
 *
 * <p><b>Fitting</b> ({@code estimatemodelparam.m}): per pristine image, the blocks whose sharpness (mean of the
 * local sigma) is at least {@value #SHARPNESS_THRESHOLD} of that image's sharpest block; their feature rows
 * (rows with a NaN or infinite feature dropped) from all images give the mean and the covariance (n - 1).
 *
 * <p><b>Scoring</b> (Eq. 10): all blocks of the image, {@code mu_d} = per-feature mean ignoring NaN,
 * {@code S_d} = covariance (n - 1) of the rows without NaN;
 * {@code NIQE = sqrt((mu_p - mu_d)^T pinv((S_p + S_d) / 2) (mu_p - mu_d))}. At least two complete blocks are
 * needed for {@code S_d}.
 *
 * <p><b>Block size</b> B is part of the model (MATLAB default 96; B must be even because scale 2 uses B/2).
 * Images smaller than the training faces (e.g. 64x64) need a model fitted with a smaller B, e.g. 32.
 *
 * <p>The model file is a small JSON document ({@link #write}, {@link #read}); no Java serialisation.
 *
 * <p><b>Checked against</b> VQFR's {@code vqfr/metrics/niqe.py} (the BasicSR port, which its docstring says
 * matches MATLAB R2021a to 1e-7), run once outside the repository with MATLAB's published pristine parameters
 * ({@code niqe_pris_params.npz}) loaded into this class: the luma is identical; the 36 features of every block
 * without flat areas agree within 4e-13 (reference switched to float64); NIQE agrees within 6e-8 on chelsea and
 * 3e-6 on coffee. Blocks with flat areas (e.g. saturated white) differ: there the MSCN value is 0 up to rounding
 * noise, and whether that noise lands above or below 0 decides which side of the AGGD it is counted on; the
 * reference's float32 2-D convolution and our double separable one round differently, so such blocks can move an
 * alpha by one grid step (astronaut.png: 3.0660 here vs 3.0650 float32 reference vs 3.0769 float64 reference).
 */
public final class NiqeModel {
    /** MATLAB's {@code sh_th}. */
    public static final double SHARPNESS_THRESHOLD = 0.75;
    /** MATLAB's default block size. */
    public static final int DEFAULT_BLOCK_SIZE = 96;
    static final String FORMAT = "lrpo-niqe-pristine-model";
    static final int VERSION = 1;

    private final int blockSize;
    private final double[] mean;
    private final double[][] covariance;
    private final int images;
    private final int patches;

    private NiqeModel(int blockSize, double[] mean, double[][] covariance, int images, int patches) {
        this.blockSize = blockSize;
        this.mean = mean;
        this.covariance = covariance;
        this.images = images;
        this.patches = patches;
    }

    /** Fits the pristine model on {@code pristine} images with {@code blockSize x blockSize} blocks. */
    public static NiqeModel fit(Iterable<RgbImage> pristine, int blockSize) {
        requireBlockSize(blockSize);
        List<double[]> rows = new ArrayList<>();
        int count = 0;
        for (RgbImage image : pristine) {
            InputChecks.requireFinite("niqe fit", "pristine image " + count, image);
            NiqeFeatures f = NiqeFeatures.of(luma(image), blockSize);
            double max = 0;
            for (double s : f.sharpness) {
                max = Math.max(max, s);
            }
            for (int b = 0; b < f.features.length; b++) {
                if (f.sharpness[b] >= SHARPNESS_THRESHOLD * max && allFinite(f.features[b])) {
                    rows.add(f.features[b]);
                }
            }
            count++;
        }
        if (rows.size() < 2) {
            throw new IllegalArgumentException("niqe fit: " + count + " images gave " + rows.size()
                    + " usable sharp blocks of " + blockSize + "x" + blockSize + "; need at least 2");
        }
        return new NiqeModel(blockSize, columnMean(rows), covariance(rows), count, rows.size());
    }

    /** The NIQE score of {@code image} (lower = more natural). */
    public double score(RgbImage image) {
        InputChecks.requireFinite("niqe", "image", image);
        NiqeFeatures f = NiqeFeatures.of(luma(image), blockSize);
        double[] mu = new double[NiqeFeatures.COUNT];
        int[] n = new int[NiqeFeatures.COUNT];
        List<double[]> complete = new ArrayList<>();
        for (double[] row : f.features) {
            for (int k = 0; k < row.length; k++) {
                if (!Double.isNaN(row[k])) {
                    mu[k] += row[k];
                    n[k]++;
                }
            }
            if (allFinite(row)) {
                complete.add(row);
            }
        }
        if (complete.size() < 2) {
            throw new IllegalArgumentException("niqe: a " + image.width() + "x" + image.height() + " image has "
                    + complete.size() + " complete " + blockSize + "x" + blockSize
                    + " blocks; the covariance needs at least 2");
        }
        for (int k = 0; k < mu.length; k++) {
            mu[k] /= n[k];
        }
        double[][] cov = covariance(complete);
        int d = NiqeFeatures.COUNT;
        double[][] pooled = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                pooled[i][j] = (covariance[i][j] + cov[i][j]) / 2;
            }
        }
        double[][] inv = SymmetricPseudoInverse.of(pooled);
        double q = 0;
        for (int i = 0; i < d; i++) {
            double di = mean[i] - mu[i];
            for (int j = 0; j < d; j++) {
                q += di * inv[i][j] * (mean[j] - mu[j]);
            }
        }
        return Math.sqrt(Math.max(q, 0));
    }

    /**
     * MATLAB Y on [0, 255], rounded half to even like {@code numpy.round}, with the arithmetic of VQFR/BasicSR's
     * {@code to_y_channel} (float32 image / 255, a float64 dot product B, G, R + 16, back to float32 / 255, times
     * 255 in float32, then round). Y lands exactly on .5 for some 8-bit colours, so the rounding direction
     * depends on those last bits; reproducing them makes the luma identical to the reference's for 8-bit input.
     */
    static Plane luma(RgbImage image) {
        int n = image.width() * image.height();
        float[] v = image.chw();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double dot = v[2 * n + i] * 24.966 + v[n + i] * 128.553 + v[i] * 65.481;
            float y01 = (float) ((dot + 16.0) / 255.0);
            y[i] = Math.rint(y01 * 255f);
        }
        return Plane.wrap(image.width(), image.height(), y);
    }

    public int blockSize() {
        return blockSize;
    }

    /** How many pristine images and sharp blocks the model was fitted on. */
    public int images() {
        return images;
    }

    public int patches() {
        return patches;
    }

    /** Writes the model as JSON. */
    public void write(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(),
                new ModelFile(FORMAT, VERSION, blockSize, SHARPNESS_THRESHOLD, images, patches, mean, covariance));
    }

    /** Reads a model written by {@link #write}; a missing or malformed file is an error naming it. */
    public static NiqeModel read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("NIQE model file " + file.toAbsolutePath() + " does not exist; fit "
                    + "one with NiqeModel.fit on a folder of high-quality faces");
        }
        ModelFile m;
        try {
            m = new ObjectMapper().readValue(file.toFile(), ModelFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("NIQE model file " + file + " is not valid JSON of the expected "
                    + "shape: " + e.getMessage(), e);
        }
        String where = "NIQE model file " + file + ": ";
        if (!FORMAT.equals(m.format()) || m.version() != VERSION) {
            throw new IllegalArgumentException(where + "expected format " + FORMAT + " version " + VERSION
                    + ", found " + m.format() + " version " + m.version());
        }
        requireBlockSize(m.blockSize());
        int d = NiqeFeatures.COUNT;
        if (m.mean() == null || m.mean().length != d || m.covariance() == null || m.covariance().length != d) {
            throw new IllegalArgumentException(where + "mean must have " + d + " values and covariance " + d + "x" + d);
        }
        for (int i = 0; i < d; i++) {
            if (m.covariance()[i] == null || m.covariance()[i].length != d) {
                throw new IllegalArgumentException(where + "covariance row " + i + " must have " + d + " values");
            }
            if (!allFinite(m.covariance()[i]) || !Double.isFinite(m.mean()[i])) {
                throw new IllegalArgumentException(where + "non-finite value in mean or covariance row " + i);
            }
        }
        return new NiqeModel(m.blockSize(), m.mean(), m.covariance(), m.images(), m.patches());
    }

    /** JSON shape of the model file. */
    record ModelFile(String format, int version, int blockSize, double sharpnessThreshold, int images,
                     int patches, double[] mean, double[][] covariance) {}

    private static void requireBlockSize(int blockSize) {
        if (blockSize < 8 || blockSize % 2 != 0) {
            throw new IllegalArgumentException("niqe: block size must be even and >= 8, got " + blockSize);
        }
    }

    private static boolean allFinite(double[] row) {
        for (double d : row) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    private static double[] columnMean(List<double[]> rows) {
        double[] m = new double[rows.get(0).length];
        for (double[] r : rows) {
            for (int k = 0; k < m.length; k++) {
                m[k] += r[k];
            }
        }
        for (int k = 0; k < m.length; k++) {
            m[k] /= rows.size();
        }
        return m;
    }

    private static double[][] covariance(List<double[]> rows) {
        double[] m = columnMean(rows);
        int d = m.length;
        double[][] c = new double[d][d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                double di = r[i] - m[i];
                for (int j = i; j < d; j++) {
                    c[i][j] += di * (r[j] - m[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= rows.size() - 1;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }
}

package org.lrpo.jobs.local;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.train.TrainingPair;

/**
 * The demo's evaluation of held-out faces: every row (the degraded input, stage 1, each diffusion
 * policy's samples, the ground truth itself as the reference) scored against the ground truth, overall
 * and per degradation-strength bin, as a Markdown table a person reads.
 */
public final class HeldOutEvaluation {
    private final List<TrainingPair> faces;
    private final List<String> bins;
    private final Reward reward;

    /** @param bins the degradation-strength bin of each face */
    public HeldOutEvaluation(List<TrainingPair> faces, List<String> bins, Reward reward) {
        if (faces.size() != bins.size()) {
            throw new IllegalArgumentException(faces.size() + " faces but " + bins.size() + " bins");
        }
        this.faces = List.copyOf(faces);
        this.bins = List.copyOf(bins);
        this.reward = reward;
    }

    /** Scores {@code samples}: each inner list holds one restoration per face, in face order. */
    public Evaluation score(String name, List<List<RgbImage>> samples) {
        List<RgbImage> restored = new ArrayList<>();
        List<RgbImage> truth = new ArrayList<>();
        List<String> imageBins = new ArrayList<>();
        for (List<RgbImage> sample : samples) {
            if (sample.size() != faces.size()) {
                throw new IllegalArgumentException(name + ": a sample has " + sample.size() + " images for "
                        + faces.size() + " faces");
            }
            restored.addAll(sample);
            faces.forEach(f -> truth.add(f.hq()));
            imageBins.addAll(bins);
        }
        return Evaluation.of(name, restored, truth, imageBins, reward);
    }

    /** The table: one line per row overall, then one block per degradation-strength bin. */
    public static String markdown(List<Evaluation> rows, int faces, int samples) {
        List<String> components = new ArrayList<>(rows.get(0).components().keySet());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%d faces; diffusion rows: %d samples per face, each scored. Speckle: RMS high-pass "
                + "noise on the ground truth's flat regions (8-bit levels; the ground truth's own is the reference).%n%n",
                faces, samples));
        header(sb, components);
        rows.forEach(e -> line(sb, e, components));
        Set<String> binNames = new LinkedHashSet<>();
        rows.forEach(e -> binNames.addAll(e.byStrength().keySet()));
        for (String bin : binNames) {
            int n = rows.get(0).byStrength().containsKey(bin) ? rows.get(0).byStrength().get(bin).images() : 0;
            sb.append(String.format("%nDegradation strength: %s (%d faces)%n%n", bin, n));
            header(sb, components);
            for (Evaluation e : rows) {
                Evaluation b = e.byStrength().get(bin);
                if (b != null) {
                    line(sb, new Evaluation(e.name(), b.images(), b.reward(), b.components(), b.psnr(), b.ssim(),
                            b.speckle(), java.util.Map.of()), components);
                }
            }
        }
        return sb.toString();
    }

    private static void header(StringBuilder sb, List<String> components) {
        sb.append("| row | PSNR (dB) | SSIM | speckle | composite reward |");
        components.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append('\n').append("|---|---|---|---|---|");
        components.forEach(c -> sb.append("---|"));
        sb.append('\n');
    }

    private static void line(StringBuilder sb, Evaluation e, List<String> components) {
        sb.append(String.format("| %s | %.2f | %.4f | %.2f | %.4f |", e.name(), e.psnr(), e.ssim(), e.speckle(),
                e.reward()));
        components.forEach(c -> sb.append(String.format(" %.4f |", e.components().getOrDefault(c, Double.NaN))));
        sb.append('\n');
    }
}

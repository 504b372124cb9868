package org.lrpo.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of a full-reference report as the driver holds them: for each model, each face's metric values
 * averaged over the model's samples (faces are the independent unit; samples of one face are not), and each
 * face's degradation-strength bin. About {@code 8 * metrics} bytes per face and model.
 */
final class FaceScores {
    private final MetricColumns columns;
    private final Map<String, Map<String, double[]>> byModel = new LinkedHashMap<>();
    private final Map<String, Integer> samples = new LinkedHashMap<>();
    private final Map<String, String> strength = new TreeMap<>();

    /**
     * @param models row names in table order (models without rows are still listed, with no faces)
     */
    FaceScores(MetricColumns columns, List<String> models) {
        this.columns = columns;
        models.forEach(m -> byModel.put(m, new TreeMap<>()));
    }

    /** One image's values; a face's samples are averaged as they come (running mean). */
    void add(String model, String faceId, int sample, String strengthBin, double[] values) {
        Map<String, double[]> faces = byModel.computeIfAbsent(model, k -> new TreeMap<>());
        // The last slot counts the samples seen, for the running mean.
        double[] acc = faces.computeIfAbsent(faceId, k -> new double[values.length + 1]);
        double n = acc[values.length] + 1;
        for (int i = 0; i < values.length; i++) {
            acc[i] += (values[i] - acc[i]) / n;
        }
        acc[values.length] = n;
        samples.merge(model, sample + 1, Math::max);
        strength.put(faceId, strengthBin);
    }

    MetricColumns columns() {
        return columns;
    }

    List<String> models() {
        return new ArrayList<>(byModel.keySet());
    }

    /** Restorations per face of {@code model} (1 for the input and stage 1). */
    int samples(String model) {
        return samples.getOrDefault(model, 0);
    }

    /** Faces {@code model} was scored on, in id order. */
    List<String> faces(String model) {
        return new ArrayList<>(byModel.get(model).keySet());
    }

    /** Metric {@code key} of {@code model} on each face of {@code faceIds} (NaN where it has no value). */
    double[] values(String model, String key, List<String> faceIds) {
        int c = columns.indexOf(key);
        Map<String, double[]> faces = byModel.get(model);
        double[] out = new double[faceIds.size()];
        for (int i = 0; i < out.length; i++) {
            double[] v = faces.get(faceIds.get(i));
            out[i] = v == null ? Double.NaN : v[c];
        }
        return out;
    }

    String strength(String faceId) {
        return strength.get(faceId);
    }

    /** The strength bins present, in name order, each with its faces. */
    Map<String, List<String>> facesByStrength() {
        Map<String, List<String>> bins = new TreeMap<>();
        strength.forEach((face, bin) -> bins.computeIfAbsent(bin, k -> new ArrayList<>()).add(face));
        return bins;
    }
}

package org.lrpo.jobs.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.lrpo.core.degrade.DegradationParams;
import org.lrpo.core.degrade.DegradationStrength;

/**
 * The {@code images} table of a full-reference report: one row per face, model and sample, with the face's
 * degradation (so results can be broken down by strength), every metric, and a thumbnail of the restoration
 * (the ground truth's rides on the input row only). The CSV copy leaves the thumbnails out.
 */
final class ImageRows {
    static final String FACE_ID = "face_id";
    static final String MODEL = "model";
    static final String SAMPLE = "sample";
    static final String STRENGTH = "strength";
    static final String OUTPUT_PNG = "output_png";
    static final String TRUTH_PNG = "truth_png";
    /** The degradation columns after {@link #STRENGTH}, before the metrics. */
    static final List<String> DEGRADATION = List.of("severity", "blur_sigma", "downscale", "noise_sigma",
            "jpeg_quality");

    private ImageRows() {}

    static StructType schema(MetricColumns metrics) {
        StructType s = new StructType()
                .add(FACE_ID, DataTypes.StringType, false)
                .add(MODEL, DataTypes.StringType, false)
                .add(SAMPLE, DataTypes.IntegerType, false)
                .add(STRENGTH, DataTypes.StringType, false)
                .add("severity", DataTypes.DoubleType, false)
                .add("blur_sigma", DataTypes.DoubleType, false)
                .add("downscale", DataTypes.DoubleType, false)
                .add("noise_sigma", DataTypes.DoubleType, false)
                .add("jpeg_quality", DataTypes.IntegerType, false);
        for (String k : metrics.keys()) {
            s = s.add(k, DataTypes.DoubleType, false);
        }
        return s.add(OUTPUT_PNG, DataTypes.BinaryType, false).add(TRUTH_PNG, DataTypes.BinaryType, true);
    }

    /** The columns of the CSV copy and of what the driver collects: everything but the thumbnails. */
    static List<String> numberColumns(MetricColumns metrics) {
        List<String> c = new ArrayList<>(List.of(FACE_ID, MODEL, SAMPLE, STRENGTH));
        c.addAll(DEGRADATION);
        c.addAll(metrics.keys());
        return c;
    }

    static Row of(String faceId, String model, int sample, DegradationParams d, double[] values, byte[] outputPng,
                  byte[] truthPng) {
        Object[] v = new Object[9 + values.length + 2];
        v[0] = faceId;
        v[1] = model;
        v[2] = sample;
        v[3] = DegradationStrength.of(d).label();
        v[4] = DegradationStrength.severity(d);
        v[5] = Math.max(d.sigmaX(), d.sigmaY());
        v[6] = d.downscale();
        // In 8-bit levels, as papers quote noise.
        v[7] = d.noiseSigma() * 255.0;
        v[8] = d.jpegQuality();
        for (int i = 0; i < values.length; i++) {
            v[9 + i] = values[i];
        }
        v[9 + values.length] = outputPng;
        v[10 + values.length] = truthPng;
        return RowFactory.create(v);
    }
}

package org.lrpo.jobs.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.ModelSummary;
import org.lrpo.jobs.report.ReportContent.PairedDifference;
import org.lrpo.jobs.report.ReportContent.StrengthRow;

/**
 * The summary tables of a full-reference report, in long form (one row per model and metric) so that any tool can
 * pivot them: {@code summary} (mean and interval per model), {@code paired} (A − B on shared faces) and
 * {@code by_strength} (means per degradation-strength bin); each as Parquet and as one CSV file.
 */
final class ReportTables {
    static final StructType SUMMARY = new StructType()
            .add("model", DataTypes.StringType, false).add("metric", DataTypes.StringType, false)
            .add("mean", DataTypes.DoubleType).add("low", DataTypes.DoubleType).add("high", DataTypes.DoubleType)
            .add("faces", DataTypes.IntegerType, false).add("samples", DataTypes.IntegerType, false)
            .add("source", DataTypes.StringType).add("fingerprint", DataTypes.StringType);
    static final StructType PAIRED = new StructType()
            .add("model_a", DataTypes.StringType, false).add("model_b", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false)
            .add("mean", DataTypes.DoubleType).add("low", DataTypes.DoubleType).add("high", DataTypes.DoubleType)
            .add("faces", DataTypes.IntegerType, false);
    static final StructType BY_STRENGTH = new StructType()
            .add("strength", DataTypes.StringType, false).add("model", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false).add("mean", DataTypes.DoubleType)
            .add("faces", DataTypes.IntegerType, false);

    private ReportTables() {}

    static void write(SparkSession spark, ReportOutput dest, List<ModelSummary> summaries,
                      List<PairedDifference> paired, List<StrengthRow> strength) throws IOException {
        List<Row> s = new ArrayList<>();
        for (ModelSummary m : summaries) {
            m.metrics().forEach((metric, i) -> s.add(RowFactory.create(m.model(), metric, i.mean(), i.low(), i.high(),
                    i.n(), m.samples(), m.source(), m.fingerprint())));
        }
        List<Row> p = new ArrayList<>();
        for (PairedDifference d : paired) {
            Interval i = d.difference();
            p.add(RowFactory.create(d.modelA(), d.modelB(), d.metric(), i.mean(), i.low(), i.high(), i.n()));
        }
        List<Row> b = new ArrayList<>();
        for (StrengthRow r : strength) {
            r.means().forEach((metric, mean) -> b.add(RowFactory.create(r.bin(), r.model(), metric, mean, r.faces())));
        }
        write(spark, dest, s, SUMMARY, "summary");
        write(spark, dest, p, PAIRED, "paired");
        write(spark, dest, b, BY_STRENGTH, "by_strength");
    }

    /** {@code rows} as Parquet folder {@code name} and as one CSV file {@code name.csv}. */
    static void write(SparkSession spark, ReportOutput dest, List<Row> rows, StructType schema, String name)
            throws IOException {
        Dataset<Row> table = spark.createDataFrame(rows, schema);
        dest.parquet(table, name);
        dest.csv(table, name + ".csv");
    }
}

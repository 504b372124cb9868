package org.lrpo.jobs.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.lrpo.jobs.local.ClaimsCurves.Point;
import org.lrpo.jobs.local.ClaimsTable;
import org.lrpo.jobs.local.ClaimsTable.Area;
import org.lrpo.jobs.local.ClaimsTable.Comparison;
import org.lrpo.jobs.local.ClaimsTable.Difference;
import org.lrpo.jobs.local.ClaimsTable.VariantRow;
import org.lrpo.jobs.report.ReportContent.Claims;
import org.lrpo.rewards.stats.BootstrapInterval;

/**
 * The claims part's tables, in long form like the full-reference ones: {@code claims_curves} (one row per variant,
 * round and metric: the points of the charts) and {@code claims_table} (the table's cells: {@code part} is
 * {@code final} for a variant's final round, {@code paired} for variant − reference, {@code area} for claim 3 and,
 * with reference lrpo, its difference); each as Parquet and as one CSV file.
 */
final class ClaimsTables {
    static final StructType CURVES = new StructType()
            .add("variant", DataTypes.StringType, false).add("round", DataTypes.IntegerType, false)
            .add("metric", DataTypes.StringType, false)
            .add("mean", DataTypes.DoubleType).add("low", DataTypes.DoubleType).add("high", DataTypes.DoubleType)
            .add("runs", DataTypes.IntegerType, false).add("faces", DataTypes.IntegerType, false);
    static final StructType TABLE = new StructType()
            .add("part", DataTypes.StringType, false).add("variant", DataTypes.StringType, false)
            .add("reference", DataTypes.StringType).add("metric", DataTypes.StringType, false)
            .add("round", DataTypes.IntegerType).add("runs", DataTypes.IntegerType)
            .add("pretrain_seeds", DataTypes.StringType)
            .add("mean", DataTypes.DoubleType).add("low", DataTypes.DoubleType).add("high", DataTypes.DoubleType)
            .add("faces", DataTypes.IntegerType);

    private ClaimsTables() {}

    static void write(SparkSession spark, ReportOutput dest, Claims claims) throws IOException {
        List<Row> curves = new ArrayList<>();
        for (Point p : claims.curves()) {
            BootstrapInterval v = p.value();
            curves.add(RowFactory.create(p.variant(), p.round(), p.metric(), v.mean(), v.low(), v.high(), p.runs(),
                    v.n()));
        }
        ReportTables.write(spark, dest, curves, CURVES, "claims_curves");
        ReportTables.write(spark, dest, table(claims.table()), TABLE, "claims_table");
    }

    private static List<Row> table(ClaimsTable.Summary t) {
        List<Row> rows = new ArrayList<>();
        List<String> metrics = t.metrics();
        for (VariantRow r : t.variants()) {
            for (int m = 0; m < metrics.size(); m++) {
                rows.add(row("final", r.variant(), null, metrics.get(m), r.round(), r.runs(), null, r.values().get(m)));
            }
        }
        for (Comparison c : t.comparisons()) {
            for (Difference d : c.differences()) {
                // Space-separated: the seeds stay one field of the CSV without quoting.
                String seeds = String.join(" ", d.pretrainSeeds().stream().map(String::valueOf).toList());
                for (int m = 0; m < metrics.size(); m++) {
                    rows.add(row("paired", d.variant(), c.reference(), metrics.get(m), null, null, seeds,
                            d.values().isEmpty() ? null : d.values().get(m)));
                }
            }
        }
        for (Area a : t.areas()) {
            rows.add(row("area", a.variant(), null, ClaimsTable.REWARD, null, null, null, a.area()));
            if (a.againstLrpo()) {
                rows.add(row("area", a.variant(), ClaimsTable.LRPO, ClaimsTable.REWARD, null, null, null,
                        a.minusLrpo().orElse(null)));
            }
        }
        return rows;
    }

    /** A cell; no interval (no pretrain seed shared) leaves mean, low, high and faces null. */
    private static Row row(String part, String variant, String reference, String metric, Integer round, Integer runs,
                           String seeds, BootstrapInterval v) {
        return RowFactory.create(part, variant, reference, metric, round, runs, seeds,
                v == null ? null : v.mean(), v == null ? null : v.low(), v == null ? null : v.high(),
                v == null ? null : v.n());
    }
}

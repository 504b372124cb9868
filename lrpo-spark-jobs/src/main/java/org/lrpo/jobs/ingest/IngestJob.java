package org.lrpo.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.EnumMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.lrpo.jobs.io.InputFiles;

/**
 * The {@code ingest} job: image files or generated faces into a {@link FaceDataset}.
 *
 * <ol>
 *   <li>Check the input and the output on the driver (no Spark job yet): {@link InputFiles}, {@link DatasetOutput}.
 *   <li>List the files with Spark's {@code binaryFile} source ({@code pathGlobFilter}, {@code recursiveFileLookup};
 *       path and length only) and spread them over {@code lrpo.ingest.partitions} tasks by path hash.
 *   <li>On executors ({@code mapPartitions}): read, decode, crop, resize, encode ({@link FileDecoder}), or render
 *       generated faces ({@link GeneratedFaceRenderer}). Every failure becomes a reject row.
 *   <li>Faces: hash-partition by id into {@code lrpo.ingest.partitions} files, keep the row with the smallest
 *       source per id (deterministic de-duplication), sort by id within each file. Rejects: one file, by path.
 *   <li>Publish atomically ({@link DatasetOutput}) and report the counts.
 * </ol>
 */
public final class IngestJob {
    private IngestJob() {}

    /**
     * Runs the job. Bad input or output locations fail with a {@link org.lrpo.jobs.io.BadInputException}
     * before any Spark job starts.
     */
    public static IngestReport run(SparkSession spark, IngestSettings settings, IngestSource source, String output,
                                   boolean overwrite) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        if (source instanceof IngestSource.Files files) {
            InputFiles.requireSomeFile(hadoop, files.input(), settings.filePattern(), "lrpo.ingest.file-pattern");
            InputFiles.requireOutputOutsideInput(hadoop, files.input(), output);
        }
        DatasetOutput out = DatasetOutput.prepare(hadoop, output, overwrite);

        long start = System.nanoTime();
        spark.sparkContext().setJobGroup("lrpo-ingest", "ingest into " + out.output(), false);
        Dataset<Row> decoded = decode(spark, settings, source, hadoop).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
            long faces = 0;
            for (Row r : decoded.groupBy(col(DecodedRows.REJECT_REASON)).count().collectAsList()) {
                if (r.isNullAt(0)) {
                    faces = r.getLong(1);
                } else {
                    rejected.put(RejectReason.valueOf(r.getString(0)), r.getLong(1));
                }
            }
            long inputs = faces + rejected.values().stream().mapToLong(Long::longValue).sum();

            spark.sparkContext().setJobDescription("ingest: write faces");
            uniqueFaces(decoded, settings.partitions()).write().mode(SaveMode.ErrorIfExists).parquet(out.stagingFaces());
            spark.sparkContext().setJobDescription("ingest: write rejects");
            rejects(decoded).write().mode(SaveMode.ErrorIfExists).parquet(out.stagingRejects());
            // Counted on the cached rows: Spark's reader ignores the hidden staging folder's name.
            spark.sparkContext().setJobDescription("ingest: count unique faces");
            long ingested = decoded.filter(col(DecodedRows.REJECT_REASON).isNull())
                    .select(col(FaceDataset.ID)).distinct().count();
            out.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new IngestReport(out.output(), inputs, ingested, faces - ingested, rejected, seconds);
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        } finally {
            decoded.unpersist();
            spark.sparkContext().clearJobGroup();
        }
    }

    private static Dataset<Row> decode(SparkSession spark, IngestSettings settings, IngestSource source,
                                       Configuration hadoop) {
        if (source instanceof IngestSource.Files files) {
            spark.sparkContext().setJobDescription("ingest: list and decode " + files.input());
            Broadcast<SerializableConfiguration> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .broadcast(new SerializableConfiguration(hadoop));
            // The binaryFile source's file index (glob, pathGlobFilter, recursion, hidden-file rules) lists the
            // files on the driver without a Spark job. Its scan would silently skip zero-byte files, so the
            // executors read each listed file themselves (FileDecoder) and reject those as EMPTY.
            String[] listed = spark.read().format("binaryFile")
                    .option("pathGlobFilter", settings.filePattern())
                    .option("recursiveFileLookup", "true")
                    .load(files.input())
                    .inputFiles();
            java.util.Arrays.sort(listed);
            return spark.createDataset(java.util.Arrays.asList(listed), Encoders.STRING()).toDF("path")
                    .repartition(settings.partitions(), col("path"))
                    .mapPartitions(new FileDecoder(settings, conf), Encoders.row(DecodedRows.SCHEMA));
        }
        IngestSource.Generated generated = (IngestSource.Generated) source;
        spark.sparkContext().setJobDescription("ingest: generate " + generated.identities() + " identities");
        long count = Math.multiplyExact(generated.identities(), (long) settings.variantsPerIdentity());
        return spark.range(0, count, 1, (int) Math.min(settings.partitions(), count))
                .mapPartitions(new GeneratedFaceRenderer(settings), Encoders.row(DecodedRows.SCHEMA));
    }

    private static Dataset<Row> uniqueFaces(Dataset<Row> decoded, int partitions) {
        String rank = "_rank";
        // repartition(id) already clusters by id, so the window adds no second shuffle.
        return decoded.filter(col(DecodedRows.REJECT_REASON).isNull())
                .select(FaceDataset.SCHEMA.fieldNames()[0], java.util.Arrays.copyOfRange(
                        FaceDataset.SCHEMA.fieldNames(), 1, FaceDataset.SCHEMA.fieldNames().length))
                .repartition(partitions, col(FaceDataset.ID))
                .withColumn(rank, row_number().over(Window.partitionBy(FaceDataset.ID).orderBy(FaceDataset.SOURCE)))
                .filter(col(rank).equalTo(1))
                .drop(rank)
                .sortWithinPartitions(FaceDataset.ID);
    }

    private static Dataset<Row> rejects(Dataset<Row> decoded) {
        return decoded.filter(col(DecodedRows.REJECT_REASON).isNotNull())
                .select(col(FaceDataset.SOURCE).as(FaceDataset.REJECT_PATH),
                        col(DecodedRows.REJECT_REASON).as(FaceDataset.REJECT_REASON),
                        col(DecodedRows.REJECT_MESSAGE).as(FaceDataset.REJECT_MESSAGE))
                .repartition(1)
                .sortWithinPartitions(FaceDataset.REJECT_PATH);
    }
}

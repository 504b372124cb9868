package org.lrpo.jobs.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lrpo.jobs.ingest.FaceDataset;
import org.lrpo.jobs.io.BadInputException;

/**
 * The training faces of a Parquet face dataset, in id order, broadcast once per run so every executor
 * draws the same faces by index. The driver and every executor hold the whole split as PNG bytes, so its size is
 * checked against {@code lrpo.spark-train.max-dataset-mb} before anything is collected: some 10^5 faces at 64 px,
 * 10^4 at 256 px. Larger datasets would be read by index range on the executors instead (not built yet).
 *
 * @param ids face ids (content hashes), sorted
 * @param pngs the HQ faces as PNG, same order
 */
public record DatasetFaces(String[] ids, byte[][] pngs) implements Serializable {

    /**
     * Reads and checks the dataset before any training work.
     *
     * @throws BadInputException when the dataset is missing, of the wrong schema, made for another
     *     resolution, has no training faces, or its training split is over {@code maxMb} MiB of PNG
     */
    public static DatasetFaces load(SparkSession spark, String path, int resolution, double maxMb) {
        Dataset<Row> train = FaceDataset.read(spark, path).filter(col(FaceDataset.SPLIT).equalTo(FaceDataset.TRAIN));
        Row stats = train.agg(count(lit(1)), sum(length(col(FaceDataset.HQ_PNG))), min(FaceDataset.RESOLUTION),
                max(FaceDataset.RESOLUTION)).first();
        long faces = stats.getLong(0);
        if (faces == 0) {
            throw new BadInputException("face dataset " + path + " has no faces in its '" + FaceDataset.TRAIN
                    + "' split: nothing to train on");
        }
        long bytes = stats.getLong(1);
        if (bytes > maxMb * (1 << 20)) {
            throw new BadInputException(String.format(java.util.Locale.ROOT, "face dataset %s: its %d training faces "
                    + "are %.1f MiB of PNG, more than lrpo.spark-train.max-dataset-mb = %s; the driver and every "
                    + "executor hold them whole: raise it (and the driver's and executors' memory) or ingest fewer "
                    + "faces", path, faces, bytes / (double) (1 << 20), maxMb));
        }
        for (int c : new int[] {2, 3}) {
            int res = ((Number) stats.get(c)).intValue();
            if (res != resolution) {
                throw new BadInputException("face dataset " + path + " was ingested at resolution " + res
                        + ", but lrpo.model.resolution = " + resolution + ": re-run ingest with the model's resolution");
            }
        }
        List<Row> rows = train.select(FaceDataset.ID, FaceDataset.HQ_PNG).orderBy(FaceDataset.ID).collectAsList();
        String[] ids = new String[rows.size()];
        byte[][] pngs = new byte[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            ids[i] = rows.get(i).getString(0);
            pngs[i] = (byte[]) rows.get(i).get(1);
        }
        return new DatasetFaces(ids, pngs);
    }

    public int size() {
        return ids.length;
    }
}

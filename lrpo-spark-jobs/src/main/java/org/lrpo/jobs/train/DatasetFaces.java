package org.lrpo.jobs.train;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lrpo.jobs.cli.BadInputException;
import org.lrpo.jobs.ingest.FaceDataset;

/**
 * The training faces of a Parquet face dataset, in id order, broadcast once per run so every executor
 * draws the same faces by index. Fine for datasets of up to some 10^4 small faces (PNG bytes at the
 * model resolution); larger ones would be read by index range on the executors instead.
 *
 * @param ids face ids (content hashes), sorted
 * @param pngs the HQ faces as PNG, same order
 */
public record DatasetFaces(String[] ids, byte[][] pngs) implements Serializable {

    /**
     * Reads and checks the dataset before any training work.
     *
     * @throws BadInputException when the dataset is missing, of the wrong schema, made for another
     *     resolution, or has no training faces
     */
    public static DatasetFaces load(SparkSession spark, String path, int resolution) {
        List<Row> rows = FaceDataset.read(spark, path)
                .filter(col(FaceDataset.SPLIT).equalTo(FaceDataset.TRAIN))
                .select(FaceDataset.ID, FaceDataset.HQ_PNG, FaceDataset.RESOLUTION)
                .orderBy(FaceDataset.ID)
                .collectAsList();
        if (rows.isEmpty()) {
            throw new BadInputException("face dataset " + path + " has no faces in its '" + FaceDataset.TRAIN
                    + "' split: nothing to train on");
        }
        String[] ids = new String[rows.size()];
        byte[][] pngs = new byte[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int res = ((Number) r.get(2)).intValue();
            if (res != resolution) {
                throw new BadInputException("face dataset " + path + " was ingested at resolution " + res
                        + " (face " + r.getString(0) + "), but lrpo.model.resolution = " + resolution
                        + ": re-run ingest with the model's resolution");
            }
            ids[i] = r.getString(0);
            pngs[i] = (byte[]) r.get(1);
        }
        return new DatasetFaces(ids, pngs);
    }

    public int size() {
        return ids.length;
    }
}

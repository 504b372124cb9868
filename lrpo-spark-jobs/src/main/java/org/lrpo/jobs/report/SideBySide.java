package org.lrpo.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.ImageDecodeException;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.train.ImageGrid;

/**
 * The picture a person looks at first: one row per face, the degraded input, then each model's restoration, then
 * the ground truth, from the report's thumbnails; small faces are enlarged with nearest-neighbour so pixels stay
 * visible.
 */
final class SideBySide {
    /** Rows are enlarged to about this many pixels high. */
    private static final int TARGET_PX = 128;

    private SideBySide() {}

    /**
     * @param faces the rows
     * @param models the columns between input and ground truth start with these (the input among them first)
     * @param thumbnail (face, model) to PNG
     * @param truth face to PNG
     */
    static byte[] png(List<String> faces, List<String> models, BiFunction<String, String, byte[]> thumbnail,
                      Function<String, byte[]> truth) {
        ImageCodec codec = ImageCodec.defaults();
        List<List<RgbImage>> rows = new ArrayList<>();
        int side = 1;
        try {
            for (String f : faces) {
                List<RgbImage> row = new ArrayList<>();
                for (String m : models) {
                    row.add(codec.decode(thumbnail.apply(f, m), f + " " + m));
                }
                row.add(codec.decode(truth.apply(f), f + " truth"));
                side = Math.max(side, row.get(0).height());
                rows.add(row);
            }
        } catch (ImageDecodeException e) {
            throw new IllegalStateException("a thumbnail the report wrote cannot be decoded: " + e.getMessage(), e);
        }
        return ImageGrid.png(rows, Math.max(1, TARGET_PX / side), 4);
    }
}

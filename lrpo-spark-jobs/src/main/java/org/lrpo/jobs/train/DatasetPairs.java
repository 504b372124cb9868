package org.lrpo.jobs.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lrpo.core.degrade.Degradation;
import org.lrpo.core.degrade.DegradationPreset;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.ImageDecodeException;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.train.PairSource;
import org.lrpo.core.train.TrainingPair;

/**
 * Training pairs from a face dataset's training faces with online degradation (METHOD section 8), the
 * dataset counterpart of {@link org.lrpo.core.train.GeneratedPairs}: sample i of step (or round) s is
 * face {@code Seeds.stream(seed, "<stage>-face", s, i).nextInt(n)}, degraded with round key s.
 */
public final class DatasetPairs implements PairSource {
    private final long seed;
    private final DatasetFaces faces;
    private final DegradationPreset preset;
    private final String faceDomain;

    public DatasetPairs(long seed, DatasetFaces faces, DegradationPreset preset, String stage) {
        this.seed = seed;
        this.faces = faces;
        this.preset = preset;
        this.faceDomain = stage + "-face";
    }

    @Override
    public List<TrainingPair> batch(long step, int from, int count) {
        List<TrainingPair> out = new ArrayList<>(count);
        ImageCodec codec = ImageCodec.defaults();
        for (int i = from; i < from + count; i++) {
            SplittableRandom rng = Seeds.stream(seed, faceDomain, step, i);
            int index = rng.nextInt(faces.size());
            String id = faces.ids()[index];
            RgbImage hq;
            try {
                hq = codec.decode(faces.pngs()[index], id);
            } catch (ImageDecodeException e) {
                throw new IllegalStateException("face " + id + " of the dataset does not decode: " + e.getMessage(), e);
            }
            out.add(TrainingPair.degraded(id, hq, Degradation.apply(hq, preset, seed, id, step).lq()));
        }
        return out;
    }
}

package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lrpo.core.degrade.DegradationPreset;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.TrainingPair;

class DatasetPairsTest {
    private static final DatasetFaces FACES = new DatasetFaces(new String[] {"a", "b", "c"}, new byte[][] {
            ImageCodec.encodePng(FaceGenerator.face(1, 0, 0, 16)),
            ImageCodec.encodePng(FaceGenerator.face(1, 1, 0, 16)),
            ImageCodec.encodePng(FaceGenerator.face(1, 2, 0, 16))});

    @Test
    void samplesAreDatasetFacesDegradedAndIndependentOfHowABatchIsSplit() {
        DatasetPairs pairs = new DatasetPairs(9, FACES, DegradationPreset.values()[0], GeneratedPairs.PRETRAIN_STAGE);
        List<TrainingPair> whole = pairs.batch(5, 0, 6);
        List<TrainingPair> tail = pairs.batch(5, 3, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(whole.get(3 + i).id(), tail.get(i).id());
            assertArrayEquals(whole.get(3 + i).lq().chw(), tail.get(i).lq().chw());
        }
        for (TrainingPair p : whole) {
            assertTrue(Set.of("a", "b", "c").contains(p.id()), p.id());
            int index = p.id().charAt(0) - 'a';
            assertArrayEquals(FaceGenerator.face(1, index, 0, 16).chw(), p.hq().chw(), 1f / 255, "PNG round trip");
            assertFalse(java.util.Arrays.equals(p.hq().chw(), p.lq().chw()), "the LQ face is degraded");
        }
        assertTrue(whole.stream().map(TrainingPair::id).distinct().count() > 1, "draws vary over samples");
    }
}

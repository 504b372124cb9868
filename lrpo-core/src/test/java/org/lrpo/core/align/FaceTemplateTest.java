package org.lrpo.core.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FaceTemplateTest {
    private static final double[] X512 = {192.98138, 318.90277, 256.63416, 201.26117, 313.08905};
    private static final double[] Y512 = {239.94708, 240.1936, 314.01935, 371.41043, 371.15118};

    @Test
    void ffhqTemplateIsFacexlibsPointsScaledBySizeOver512() {
        FaceTemplate t512 = FaceTemplate.ffhq(512);
        assertArrayEquals(X512, t512.points().x(), 0);
        assertArrayEquals(Y512, t512.points().y(), 0);
        FaceTemplate t128 = FaceTemplate.ffhq(128);
        assertEquals(128, t128.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(X512[i] / 4, t128.points().x(i), 1e-12);
            assertEquals(Y512[i] / 4, t128.points().y(i), 1e-12);
        }
        FaceTemplate t100 = FaceTemplate.ffhq(100);
        assertEquals(X512[2] * 100 / 512, t100.points().x(FivePoints.NOSE), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FaceTemplate.ffhq(0));
    }

    @Test
    void photoToCropUndoesTheWayTheFaceWasPlaced() {
        FaceTemplate template = FaceTemplate.ffhq(256);
        // A face that is the template placed in a photo at 3.1x, rolled 17 degrees, at (1200, 800).
        SimilarityTransform placed = SimilarityTransform.of(3.1, 17, 1200, 800);
        double[] x = new double[5];
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
            x[i] = placed.applyX(template.points().x(i), template.points().y(i));
            y[i] = placed.applyY(template.points().x(i), template.points().y(i));
        }
        SimilarityTransform photoToCrop = template.photoToCrop(new FivePoints(x, y));
        SimilarityTransform want = placed.inverse();
        assertEquals(want.a(), photoToCrop.a(), 1e-12);
        assertEquals(want.b(), photoToCrop.b(), 1e-12);
        assertEquals(want.tx(), photoToCrop.tx(), 1e-9);
        assertEquals(want.ty(), photoToCrop.ty(), 1e-9);
        assertEquals(-17, photoToCrop.rotationDegrees(), 1e-9);
    }
}

package org.lrpo.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void sameNameSameStream() {
        assertEquals(Seeds.stream(7, "noise", 1, 2, 3).nextLong(), Seeds.stream(7, "noise", 1, 2, 3).nextLong());
    }

    @Test
    void everyCoordinateChangesTheSeed() {
        Set<Long> seen = new HashSet<>();
        seen.add(Seeds.derive(7, "noise", 1, 2, 3));
        seen.add(Seeds.derive(8, "noise", 1, 2, 3));
        seen.add(Seeds.derive(7, "noisf", 1, 2, 3));
        seen.add(Seeds.derive(7, "noise", 0, 2, 3));
        seen.add(Seeds.derive(7, "noise", 1, 3, 3));
        seen.add(Seeds.derive(7, "noise", 1, 2, 4));
        seen.add(Seeds.derive(7, "noise", 1, 2, 3, 0));
        seen.add(Seeds.derive(7, "noise", 2, 1, 3));
        assertEquals(8, seen.size());
    }

    @Test
    void idCoordinatesDifferForDifferentIds() {
        assertNotEquals(Seeds.idCoordinate("a"), Seeds.idCoordinate("b"));
        assertEquals(Seeds.idCoordinate("face-17"), Seeds.idCoordinate("face-17"));
    }

    @Test
    void streamsLookUniform() {
        // Adjacent candidates must not give correlated streams: compare means of first draws.
        double sum = 0;
        int n = 20000;
        for (int c = 0; c < n; c++) {
            sum += Seeds.stream(1, "noise", 0, 0, c).nextDouble();
        }
        assertEquals(0.5, sum / n, 0.01);
    }
}

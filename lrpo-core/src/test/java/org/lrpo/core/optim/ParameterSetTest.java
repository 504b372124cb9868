package org.lrpo.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSetTest {
    private static ParameterSet sample() {
        return ParameterSet.of(List.of(
                new NamedTensor("a.weight", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
                new NamedTensor("a.bias", new int[] {2}, new float[] {7, 8}),
                new NamedTensor("scale", new int[] {}, new float[] {9})));
    }

    @Test
    void flatViewIsTheConcatenationInOrder() {
        ParameterSet set = sample();
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, set.flat());
        ParameterLayout layout = set.layout();
        assertEquals(List.of("a.weight", "a.bias", "scale"), layout.names());
        assertEquals(6, layout.entry("a.bias").offset());
        assertEquals(8, layout.entry("scale").offset());
        assertEquals(9, layout.totalSize());
        assertEquals("a.weight[1,2]", layout.describe(5));
        assertEquals("a.bias[0]", layout.describe(6));
        assertEquals("scale[]", layout.describe(8));
        assertArrayEquals(new float[] {7, 8}, set.tensor("a.bias").values());
        set.view(1).put(0, 70f);
        assertEquals(70f, set.flat()[6]);
        assertArrayEquals(new boolean[] {true, true, true, true, true, true, false, false, false},
                layout.mask(n -> n.endsWith(".weight")));
    }

    @Test
    void copiesAreIndependentAndCompareBitwise() {
        ParameterSet a = sample();
        ParameterSet b = a.copy();
        assertTrue(a.bitwiseEquals(b));
        b.flat()[0] = Float.NaN;
        assertFalse(a.bitwiseEquals(b));
        assertEquals(1f, a.flat()[0]);
        assertEquals(a.tensors(), sample().tensors());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> ParameterLayout.builder().add("x", 2).add("x", 3));
        assertTrue(dup.getMessage().contains("duplicate tensor name x"));
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> new NamedTensor("w", new int[] {2, 2}, new float[3]));
        assertTrue(len.getMessage().contains("w") && len.getMessage().contains("[2,2]"));
        assertThrows(IllegalArgumentException.class, () -> new NamedTensor("w", new int[] {0}, new float[0]));
        assertThrows(IllegalArgumentException.class, () -> ParameterSet.wrap(sample().layout(), new float[8]));
        assertThrows(IllegalArgumentException.class, () -> sample().layout().entry("missing"));
    }
}

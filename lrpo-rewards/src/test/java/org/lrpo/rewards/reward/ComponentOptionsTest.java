package org.lrpo.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Typed reads of component options, from strings (hand-made maps) and from typed values (Config.unwrapped()). */
class ComponentOptionsTest {

    @Test
    void readsStringsAndTypedValuesAlike() {
        ComponentOptions o = ComponentOptions.of("m", Map.of("a", "0.25", "b", 0.5, "n", 3, "s", "7", "flag", "TRUE",
                "list", List.of(1, 2.5, "3"), "csv", " 1, 2 ,3 ", "word", " Onnx "));
        assertEquals(0.25, o.doubleIn("a", 9, 0, 1));
        assertEquals(0.5, o.doubleIn("b", 9, 0, 1));
        assertEquals(0.75, o.doubleIn("missing", 0.75, 0, 1));
        assertEquals(3, o.intIn("n", 0, 0, 10));
        assertEquals(7, o.intIn("s", 0, 0, 10));
        assertTrue(o.bool("flag", false));
        assertFalse(o.bool("missing", false));
        assertArrayEquals(new double[] {1, 2.5, 3}, o.doubles("list", null, 3));
        assertArrayEquals(new double[] {1, 2, 3}, o.doubles("csv", null, 3));
        assertEquals("onnx", o.oneOf("word", "pytorch", Set.of("pytorch", "onnx")));
        o.requireOnly(Set.of("a", "b", "n", "s", "flag", "list", "csv", "word"));
    }

    @Test
    void badValuesNameComponentKeyAndValue() {
        ComponentOptions o = ComponentOptions.of("lpips", Map.of("a", "x", "r", 2, "i", 1.5, "f", "yes", "l", "1,2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.doubleIn("a", 0, 0, 1));
        assertEquals("reward component 'lpips' option 'a' = x: expected a number", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.doubleIn("r", 0, 0, 1)).getMessage()
                .contains("'r' = 2: expected a number in [0.0, 1.0]"));
        assertThrows(IllegalArgumentException.class, () -> o.intIn("i", 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> o.bool("f", false));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.doubles("l", null, 3)).getMessage()
                .contains("expected 3 numbers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.requiredString("path")).getMessage()
                .contains("'path' = missing"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> o.requireOnly(Set.of("a", "r")));
        assertTrue(unknown.getMessage().contains("[f, i, l]") && unknown.getMessage().contains("'lpips'"),
                unknown.getMessage());
    }
}

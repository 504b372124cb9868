package org.lrpo.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PolicyConfigTest {
    private static String rejection(PolicyConfig.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void defaultsAreTheSmall64PixelPolicy() {
        PolicyConfig c = PolicyConfig.defaults();
        assertEquals(64, c.resolution());
        assertEquals(32, c.baseChannels());
        assertArrayEquals(new int[] {1, 2, 2}, c.channelMultipliers());
        assertEquals(3, c.levels());
        assertEquals(64, c.channelsAt(2));
        assertEquals(12288, c.elementsPerImage());
    }

    @Test
    void rejectsBadFieldsNamingFieldAndValue() {
        assertEquals("resolution = 36 must be divisible by 2^(levels-1) = 8 for 4 levels",
                rejection(PolicyConfig.builder().resolution(36).channelMultipliers(1, 2, 2, 4)));
        assertEquals("baseChannels * channelMultipliers[1] = 24 is not divisible by groupNormGroups = 16",
                rejection(PolicyConfig.builder().baseChannels(24).groupNormGroups(16).channelMultipliers(2, 1)));
        assertEquals("baseChannels must be positive, got 0", rejection(PolicyConfig.builder().baseChannels(0)));
        assertEquals("timeEmbeddingDim must be even (half sines, half cosines), got 33",
                rejection(PolicyConfig.builder().timeEmbeddingDim(33)));
        assertEquals("channelMultipliers[1] must be positive, got -2 in [1, -2]",
                rejection(PolicyConfig.builder().channelMultipliers(1, -2)));
        assertEquals("channelMultipliers must name at least one level, got []",
                rejection(PolicyConfig.builder().channelMultipliers()));
    }

    @Test
    void multipliersAreCopiedNotShared() {
        int[] m = {1, 2};
        PolicyConfig c = PolicyConfig.builder().channelMultipliers(m).resolution(32).build();
        m[0] = 99;
        c.channelMultipliers()[1] = 99;
        assertArrayEquals(new int[] {1, 2}, c.channelMultipliers());
    }
}

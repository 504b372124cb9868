package org.lrpo.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** A safetensors file may lie about its size: the reader must find out before it allocates what the header claims. */
class SafetensorsBombTest {
    /** 80 bytes or so, claiming one F32 tensor of 2 GiB. */
    private static final byte[] TWO_GIB_CLAIM = SafetensorsTest.craft(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[536870912],\"data_offsets\":[0,2147483648]}}", 8);

    @Test
    void aHeaderClaimingGigabytesFailsWithoutAllocatingThem() {
        for (boolean lengthKnown : new boolean[] {false, true}) {
            long before = allocatedBytes();
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> SafetensorsReader.read(
                    new ByteArrayInputStream(TWO_GIB_CLAIM), "bomb.safetensors", lengthKnown ? TWO_GIB_CLAIM.length : -1));
            long allocated = allocatedBytes() - before;
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertTrue(allocated < 16L << 20, "length known: " + lengthKnown + ": reading a " + TWO_GIB_CLAIM.length
                    + "-byte file allocated " + (allocated >> 20) + " MiB");
        }
    }

    @Test
    void anElementCountThatOverflowsIsRefusedNotWrappedToZero() {
        // 2^16 ^ 4 = 2^64 elements: a long wraps to 0, which would match an empty data section.
        byte[] file = SafetensorsTest.craft(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536,65536],\"data_offsets\":[0,0]}}", 0);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> SafetensorsReader.read(new ByteArrayInputStream(file), "overflow.safetensors"));
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}

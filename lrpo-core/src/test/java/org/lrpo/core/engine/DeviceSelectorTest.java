package org.lrpo.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {

    @Test
    void cpuIsAlwaysCpu() {
        assertEquals(Device.cpu(), DeviceSelector.select(DeviceChoice.CPU, List.of("0"), 4));
    }

    @Test
    void assignedGpuWinsWhenVisible() {
        assertEquals(Device.gpu(2), DeviceSelector.select(DeviceChoice.AUTO, List.of("2", "3"), 4));
        assertEquals(Device.gpu(1), DeviceSelector.select(DeviceChoice.GPU, List.of("1"), 2));
    }

    @Test
    void unassignedTakesFirstVisibleGpu() {
        assertEquals(Device.gpu(0), DeviceSelector.select(DeviceChoice.GPU, List.of(), 1));
    }

    @Test
    void gpuWithoutUsableGpuFailsAndSaysWhy() {
        var e = assertThrows(DeviceSelector.DeviceUnavailableException.class,
                () -> DeviceSelector.select(DeviceChoice.GPU, List.of("0"), 0));
        assertTrue(e.getMessage().contains("assigned GPU 0 but the tensor engine sees 0"), e.getMessage());
        e = assertThrows(DeviceSelector.DeviceUnavailableException.class,
                () -> DeviceSelector.select(DeviceChoice.GPU, List.of(), 0));
        assertTrue(e.getMessage().contains("no GPU was assigned"), e.getMessage());
    }

    @Test
    void autoFallsBackToCpu() {
        assertEquals(Device.cpu(), DeviceSelector.select(DeviceChoice.AUTO, List.of("0"), 0));
        assertEquals(Device.cpu(), DeviceSelector.select(DeviceChoice.AUTO, List.of(), 0));
    }

    @Test
    void badAddressIsNamed() {
        var e = assertThrows(DeviceSelector.DeviceUnavailableException.class,
                () -> DeviceSelector.select(DeviceChoice.AUTO, List.of("gpu-a"), 1));
        assertTrue(e.getMessage().contains("'gpu-a'"), e.getMessage());
    }
}

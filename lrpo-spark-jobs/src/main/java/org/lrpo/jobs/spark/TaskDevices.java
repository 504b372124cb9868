package org.lrpo.jobs.spark;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.lrpo.core.engine.DeviceChoice;
import org.lrpo.core.engine.DeviceSelector;

/**
 * The device a Spark task computes on: the GPU addresses Spark's resource scheduler assigned to the
 * task ({@code spark.task.resource.gpu.amount}, found by the executor's discovery script), turned into
 * a device by {@link DeviceSelector}'s rules.
 */
public final class TaskDevices {
    private TaskDevices() {}

    /** GPU addresses assigned to the running task; empty outside a task or without GPU scheduling. */
    public static List<String> assignedGpus() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            return List.of();
        }
        scala.Option<ResourceInformation> gpu = task.resources().get("gpu");
        return gpu.isDefined() ? List.of(gpu.get().addresses()) : List.of();
    }

    /** The device for this task under {@code choice} (gpu without a usable GPU throws, auto falls back). */
    public static Device select(DeviceChoice choice, Engine engine) {
        return DeviceSelector.select(choice, assignedGpus(), engine.getGpuCount());
    }
}

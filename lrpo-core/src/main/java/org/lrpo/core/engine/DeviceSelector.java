package org.lrpo.core.engine;

import ai.djl.Device;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the configured {@link DeviceChoice} into a concrete device, given what the cluster assigned
 * (e.g. Spark's {@code TaskContext.resources().get("gpu")} addresses) and how many GPUs the engine sees.
 *
 * <p>Rules: an assigned GPU address wins; {@code gpu} without a usable GPU is an error; {@code auto}
 * falls back to CPU and says so in the log, so a mis-configured GPU cluster is visible, not silent.
 */
public final class DeviceSelector {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSelector.class);

    private DeviceSelector() {}

    /** A device could not be provided as configured. */
    public static final class DeviceUnavailableException extends RuntimeException {
        public DeviceUnavailableException(String message) {
            super(message);
        }
    }

    /**
     * @param choice the configured policy ({@code lrpo.device})
     * @param assignedGpus GPU addresses the scheduler gave this task (empty when none or not on Spark)
     * @param visibleGpus GPUs the engine can use in this JVM ({@code Engine.getGpuCount()})
     */
    public static Device select(DeviceChoice choice, List<String> assignedGpus, int visibleGpus) {
        if (choice == DeviceChoice.CPU) {
            return Device.cpu();
        }
        Optional<Integer> assigned = assignedGpus.stream().findFirst().map(DeviceSelector::parseAddress);
        if (assigned.isPresent() && assigned.get() < visibleGpus) {
            return Device.gpu(assigned.get());
        }
        if (assigned.isEmpty() && visibleGpus > 0) {
            return Device.gpu(0);
        }
        String why = assigned.isPresent()
                ? "the scheduler assigned GPU " + assigned.get() + " but the tensor engine sees " + visibleGpus
                        + " GPU(s) (CPU-only natives on the classpath? see README, GPU clusters)"
                : "no GPU was assigned and the tensor engine sees none";
        if (choice == DeviceChoice.GPU) {
            throw new DeviceUnavailableException("lrpo.device = gpu, but " + why);
        }
        LOG.warn("lrpo.device = auto: falling back to CPU because {}", why);
        return Device.cpu();
    }

    private static int parseAddress(String address) {
        try {
            int id = Integer.parseInt(address.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new DeviceUnavailableException("GPU address '" + address
                    + "' from the resource discovery script is not a non-negative integer");
        }
    }
}

package org.lrpo.core.config;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration keys that were renamed, so that one word names one concept ({@code denoising-steps} for
 * K, {@code optimiser-steps} for updates of the weights). A profile, override or recorded run that still
 * uses an old key keeps working: the value moves to the new key with a warning. Setting both the old
 * and the new key in one place is an error, because it is not clear which was meant.
 */
public final class DeprecatedKeys {
    private static final Logger LOG = LoggerFactory.getLogger(DeprecatedKeys.class);

    /** Old key to new key. */
    static final Map<String, String> RENAMED = Map.of(
            "lrpo.sampler.steps", "lrpo.sampler.denoising-steps",
            "lrpo.pretrain.steps", "lrpo.pretrain.optimiser-steps",
            "lrpo.restoration.steps", "lrpo.restoration.optimiser-steps",
            "lrpo.rl.regulariser.last-steps", "lrpo.rl.regulariser.last-denoising-steps");

    private DeprecatedKeys() {}

    /**
     * {@code layer} with every old key moved to its new name.
     *
     * @param where names the layer in messages (a profile file, the command line)
     * @param problems receives a message for each key set under both names
     * @param warn whether to log each renamed key (not when re-reading a recorded run)
     */
    static Config renamed(Config layer, String where, List<String> problems, boolean warn) {
        Config out = layer;
        for (Map.Entry<String, String> e : RENAMED.entrySet()) {
            if (!layer.hasPath(e.getKey())) {
                continue;
            }
            if (layer.hasPath(e.getValue())) {
                problems.add(where + " sets both " + e.getKey() + " and its new name " + e.getValue()
                        + ": keep only " + e.getValue());
                continue;
            }
            if (warn) {
                LOG.warn("{}: {} is deprecated, use {} (the value is taken)", where, e.getKey(), e.getValue());
            }
            out = out.withoutPath(e.getKey()).withValue(e.getValue(), layer.getValue(e.getKey()));
        }
        return out;
    }
}

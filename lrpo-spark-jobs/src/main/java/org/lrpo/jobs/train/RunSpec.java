package org.lrpo.jobs.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.Serializable;
import java.util.UUID;
import org.lrpo.core.config.ConfigurationException;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SecretRedaction;
import org.lrpo.core.config.SettingsReader;

/**
 * What an executor needs to rebuild a run's policy, sampler and data: the run's validated {@code lrpo}
 * configuration as text and a key naming this driver's run. Shipped inside task closures (a few kB);
 * the executor parses it once per JVM and run (see {@link ExecutorPolicy}).
 *
 * @param runKey unique per driver run: executor caches keyed by it never mix two runs
 * @param configText the {@code lrpo} subtree, rendered as JSON
 */
public record RunSpec(String runKey, String configText) implements Serializable {

    /** A fresh run key for {@code config} (the full configuration, {@code lrpo} at its root). */
    public static RunSpec of(Config config) {
        return new RunSpec(UUID.randomUUID().toString(),
                config.getConfig("lrpo").root().render(ConfigRenderOptions.concise()));
    }

    /** The configuration again, with {@code lrpo} at its root. */
    public Config config() {
        return ConfigFactory.parseString(configText).atPath("lrpo");
    }

    /** The configuration as checkpoint manifests record it: credentials redacted ({@link SecretRedaction}). */
    public String manifestText() {
        return SecretRedaction.lrpoText(config());
    }

    public LrpoSettings settings() {
        return LrpoSettings.read(config());
    }

    /** The run's {@code lrpo.spark-train} section; throws {@link ConfigurationException} listing all problems. */
    public SparkTrainSettings sparkTrain() {
        SettingsReader r = new SettingsReader(config());
        SparkTrainSettings s = SparkTrainSettings.read(r);
        r.throwIfInvalid();
        return s;
    }
}

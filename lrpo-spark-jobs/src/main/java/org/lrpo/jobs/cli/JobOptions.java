package org.lrpo.jobs.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.jobs.spark.SparkSettings;
import org.lrpo.jobs.train.SparkTrainSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options every job shares: a profile file and {@code key=value} overrides. */
public final class JobOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Run profile (HOCON), e.g. conf/local.conf; layered over the built-in defaults.")
    Path profile;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*",
            description = "Configuration overrides, e.g. sampler.denoising-steps=20 (the lrpo. prefix is optional).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--check-config",
            description = "Validate the configuration, print the effective lrpo settings and exit.")
    boolean checkConfig;

    /** Loads and validates everything before any work starts. */
    public JobContext load(String jobName) {
        Config config = ConfigLoader.load(Optional.ofNullable(profile), overrides);
        SettingsReader r = new SettingsReader(config);
        LrpoSettings settings = LrpoSettings.read(r);
        SparkSettings spark = SparkSettings.read(r, config);
        SparkTrainSettings.read(r); // validated with everything else; the training jobs read it again
        r.throwIfInvalid();
        return new JobContext(jobName, config, settings, spark);
    }
}

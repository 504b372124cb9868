package org.lrpo.core.config;

import com.typesafe.config.Config;

/**
 * Every typed setting of the core, read and validated in one place. Jobs read their own extra
 * sections (e.g. Spark) with a {@link SettingsReader} on the same {@link Config}.
 */
public record LrpoSettings(RunSettings run, ModelSettings model, ScheduleSettings schedule,
                           SamplerSettings sampler, DegradationSettings degradation, DataSettings data,
                           RestorationSettings restoration, PretrainSettings pretrain, RlSettings rl) {

    /** Reads every section; throws {@link ConfigurationException} listing all problems. */
    public static LrpoSettings read(Config config) {
        SettingsReader r = new SettingsReader(config);
        LrpoSettings s = read(r);
        r.throwIfInvalid();
        return s;
    }

    /** Reads every section into {@code r}, leaving the problems for the caller to report with its own. */
    public static LrpoSettings read(SettingsReader r) {
        ScheduleSettings schedule = ScheduleSettings.read(r);
        return new LrpoSettings(
                RunSettings.read(r),
                ModelSettings.read(r),
                schedule,
                SamplerSettings.read(r, schedule),
                DegradationSettings.read(r),
                DataSettings.read(r),
                RestorationSettings.read(r),
                PretrainSettings.read(r, schedule),
                RlSettings.read(r));
    }
}

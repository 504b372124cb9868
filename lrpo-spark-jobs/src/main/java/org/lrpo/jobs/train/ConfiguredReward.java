package org.lrpo.jobs.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.reward.Reward;
import org.lrpo.rewards.reward.RewardRegistry;
import org.lrpo.rewards.reward.RewardSettings;

/**
 * The run's composite reward as configured under {@code lrpo.reward}: validated on the driver before
 * any Spark work, shipped to executors as its resolved HOCON text and built there once per JVM.
 */
public final class ConfiguredReward implements RewardFactory {
    private static final long serialVersionUID = 1L;
    private final String rewardSection;

    private ConfiguredReward(String rewardSection) {
        this.rewardSection = rewardSection;
    }

    /** Checks the reward configuration (throws ConfigurationException naming every bad key). */
    public static ConfiguredReward of(Config config) {
        RewardSettings.read(config);
        return new ConfiguredReward(config.getConfig(RewardSettings.SECTION).root()
                .render(ConfigRenderOptions.concise()));
    }

    @Override
    public Reward create(LrpoSettings settings) {
        Config section = ConfigFactory.parseString(rewardSection).atPath(RewardSettings.SECTION);
        return RewardRegistry.builtIns().build().build(RewardSettings.read(section));
    }
}

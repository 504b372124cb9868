package org.lrpo.jobs.train;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.reward.Reward;
import org.lrpo.jobs.cli.BadInputException;
import org.lrpo.rewards.reward.RewardRegistry;
import org.lrpo.rewards.reward.RewardSettings;

/**
 * METHOD section 4's composite reward ({@link RewardSettings#methodDefault()}), built on each executor
 * from the components this build registers ({@link RewardRegistry#builtIns()}).
 */
public final class MethodReward implements RewardFactory {

    /** Fails before any Spark work when a component of the composite is not registered in this build. */
    public static MethodReward checked() {
        List<String> known = RewardRegistry.builtIns().build().knownComponents();
        Set<String> missing = new TreeSet<>(RewardSettings.methodDefault().weights().keySet());
        missing.removeAll(known);
        if (!missing.isEmpty()) {
            throw new BadInputException("the METHOD reward needs components " + missing
                    + " that this build does not register (known: " + known + ")");
        }
        return new MethodReward();
    }

    @Override
    public Reward create(LrpoSettings settings) {
        return RewardRegistry.builtIns().build().build(RewardSettings.methodDefault());
    }
}

package org.lrpo.core.train;

import ai.djl.Device;
import org.lrpo.core.config.ModelSettings;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.PolicyConfig;
import org.lrpo.core.model.TrainableSet;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.random.Seeds;

/** Builds the policy a configuration describes. */
public final class Policies {
    private Policies() {}

    public static PolicyConfig config(ModelSettings m) {
        return PolicyConfig.builder()
                .resolution(m.resolution())
                .baseChannels(m.baseChannels())
                .channelMultipliers(m.channelMultipliers().stream().mapToInt(Integer::intValue).toArray())
                .resBlocksPerLevel(m.resBlocksPerLevel())
                .groupNormGroups(m.groupNormGroups())
                .timeEmbeddingDim(m.timeEmbeddingDim())
                .build();
    }

    /**
     * The policy a configuration describes, holding {@code weights} (every weight, in
     * {@link NetworkParameters#allLayout()} order, as a checkpoint or a broadcast carries them).
     *
     * @throws IllegalArgumentException when {@code weights} is not the size of that network (another configuration)
     */
    public static ConditionalDenoiser withWeights(ModelSettings m, Device device, long runSeed, float[] weights) {
        ConditionalDenoiser policy = create(m, device, runSeed);
        NetworkParameters parameters = new NetworkParameters(policy);
        if (parameters.allLayout().totalSize() != weights.length) {
            policy.close();
            throw new IllegalArgumentException("the policy weights given have " + weights.length + " values but "
                    + "lrpo.model describes a network of " + parameters.allLayout().totalSize());
        }
        parameters.writeAll(ParameterSet.wrap(parameters.allLayout(), weights));
        return policy;
    }

    /** A freshly initialised policy; weights drawn from the run seed's "policy-init" stream. */
    public static ConditionalDenoiser create(ModelSettings m, Device device, long runSeed) {
        ConditionalDenoiser policy = ConditionalDenoiser.create(config(m), device, Seeds.derive(runSeed, "policy-init"));
        policy.setTrainable(trainableSet(m));
        return policy;
    }

    /** The weights supervised pre-training trains ({@code model.train-base}); LRPO has its own switch. */
    public static TrainableSet trainableSet(ModelSettings m) {
        return m.trainBase() ? TrainableSet.ALL : TrainableSet.CONTROL_ONLY;
    }
}

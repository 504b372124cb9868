package org.lrpo.jobs.report;

import ai.djl.Device;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.lrpo.core.checkpoint.WeightsFingerprint;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.io.TrainedRun;
import org.lrpo.jobs.spark.ExecutorEngine;
import org.lrpo.jobs.train.Stage1Weights;

/**
 * The models a report compares, as executors receive them (one broadcast per job): one stage 1, shared by every
 * checkpoint, and each named diffusion policy with its fingerprint and source.
 *
 * @param stage1 the stage-1 weights every policy was trained against
 * @param stage1Source where stage 1 came from
 * @param policies the {@code --checkpoint} policies, in the order given
 */
public record EvaluatedModels(Stage1Weights stage1, String stage1Source, List<Policy> policies)
        implements Serializable {

    /** Row name of the degraded input. */
    public static final String INPUT = "input";
    /** Row name of stage 1 alone, R(lq). */
    public static final String STAGE1 = "stage1";

    /**
     * A diffusion policy to evaluate.
     *
     * @param name its row name ({@code --checkpoint NAME=PATH})
     * @param source the checkpoint it came from
     * @param fingerprint {@link WeightsFingerprint} of {@code weights}
     * @param weights every weight, in {@link NetworkParameters#allLayout()} order
     */
    public record Policy(String name, String source, String fingerprint, float[] weights) implements Serializable {}

    /**
     * Loads every checkpoint of {@code named} (name to a run or stage folder, see {@link TrainedRun}) before any
     * Spark work.
     *
     * @throws BadInputException for a name used twice or reserved, a path that is no trained run, or checkpoints
     *                           trained against different stage-1 modules (the message names both)
     */
    public static EvaluatedModels load(Configuration hadoop, Map<String, String> named, LrpoSettings s) {
        if (named.isEmpty()) {
            throw new BadInputException("a full-reference report needs at least one --checkpoint NAME=PATH");
        }
        ExecutorEngine.get(s.run());
        Map<String, TrainedRun> runs = new LinkedHashMap<>();
        named.forEach((name, path) -> {
            if (name.equals(INPUT) || name.equals(STAGE1)) {
                throw new BadInputException("--checkpoint name '" + name + "' is reserved for the report's own row; "
                        + "choose another");
            }
            if (!name.matches("[A-Za-z0-9_.-]{1,64}(@[A-Za-z0-9_.-]{1,32})?")) {
                throw new BadInputException("--checkpoint name '" + name + "' must be 1 to 64 letters, digits, '_', "
                        + "'.' or '-', optionally followed by @SEED for one of several training runs of a model");
            }
            runs.put(name, TrainedRun.locate(hadoop, path));
        });
        TrainedRun first = runs.values().iterator().next();
        Stage1Weights stage1;
        try (FrozenRestoration r = first.loadStage1(hadoop, s)) {
            stage1 = Stage1Weights.of(r);
        }
        List<Policy> policies = new ArrayList<>();
        for (Map.Entry<String, TrainedRun> e : runs.entrySet()) {
            try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
                String source = e.getValue().loadPolicy(hadoop, policy, stage1.fingerprint());
                ParameterSet all = new NetworkParameters(policy).readAll();
                policies.add(new Policy(e.getKey(), source, WeightsFingerprint.of(all), all.flat()));
            } catch (BadInputException ex) {
                throw new BadInputException("--checkpoint " + e.getKey() + "=" + e.getValue().path() + ": "
                        + ex.getMessage() + (e.getValue() == first ? "" : " (stage 1 comes from the first "
                        + "--checkpoint, " + first.stage1Dir() + ")"), ex);
            }
        }
        return new EvaluatedModels(stage1, first.stage1Dir(), policies);
    }

    /** Row names in table order: the input, stage 1, then each policy. */
    public List<String> rowNames() {
        List<String> names = new ArrayList<>(List.of(INPUT, STAGE1));
        policies.forEach(p -> names.add(p.name()));
        return names;
    }

    /** A key naming these exact weights, for executor caches. */
    String key() {
        StringBuilder k = new StringBuilder(stage1.fingerprint());
        policies.forEach(p -> k.append('/').append(p.fingerprint()));
        return k.toString();
    }
}

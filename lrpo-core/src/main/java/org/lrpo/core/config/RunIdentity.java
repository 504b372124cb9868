package org.lrpo.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which settings define a run, so that {@code --resume} continues the same run rather than silently mixing two:
 * everything under {@code lrpo} except where files go, how much hardware a job uses, the other jobs' sections,
 * and how long training goes on (extending a run by more steps or rounds is what resuming is for).
 */
public final class RunIdentity {
    /** Keys (below {@code lrpo}) and key prefixes that may change between a run and its resumption. */
    static final List<String> NOT_RUN_DEFINING = List.of("output-dir", "engine-cache-dir", "threads", "device",
            "max-image-pixels", "spark", "spark-train.partitions", "spark-train.rollout-cache", "spark-train.faults",
            "ingest", "restore", "report", "pretrain.optimiser-steps", "pretrain.checkpoint-every", "restoration.optimiser-steps",
            "restoration.checkpoint-every", "rl.rounds", "rl.checkpoint-every");

    private RunIdentity() {}

    /**
     * The run-defining keys whose values differ, each as {@code lrpo.KEY = recorded there, current now}.
     *
     * @param recorded the {@code lrpo} section a checkpoint recorded (its manifest's {@code config})
     * @param current the {@code lrpo} section of this run, rendered the same way
     */
    public static List<String> differences(String recorded, String current) {
        // A run recorded before a key was renamed is the same run under the new name.
        Map<String, String> a = leaves(DeprecatedKeys.renamed(ConfigFactory.parseString(recorded).atPath("lrpo"),
                "the checkpoint", new ArrayList<>(), false).getConfig("lrpo"));
        Map<String, String> b = leaves(ConfigFactory.parseString(current));
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(union(a, b))) {
            if (runDefining(key) && !java.util.Objects.equals(a.get(key), b.get(key))) {
                out.add("lrpo." + key + " = " + shown(a.get(key)) + " in the checkpoint, " + shown(b.get(key)) + " now");
            }
        }
        return out;
    }

    /**
     * @throws ConfigurationException naming every run-defining key that differs, when any does
     */
    public static void requireSameRun(String recorded, String current, String checkpoint) {
        List<String> d = differences(recorded, current);
        if (!d.isEmpty()) {
            List<String> problems = new ArrayList<>();
            problems.add("cannot resume from " + checkpoint + ": it belongs to a run with other settings (give the "
                    + "configuration it was trained with, or start a new output-dir):");
            problems.addAll(d);
            throw new ConfigurationException(problems);
        }
    }

    static boolean runDefining(String key) {
        for (String p : NOT_RUN_DEFINING) {
            if (key.equals(p) || key.startsWith(p + ".")) {
                return false;
            }
        }
        return true;
    }

    /** Every leaf as text, so that a number typed as a string ({@code "3"}) and as a number ({@code 3}) agree. */
    private static Map<String, String> leaves(Config config) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
        return out;
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static String shown(String value) {
        return value == null ? "(absent)" : value;
    }
}

package org.lrpo.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the effective configuration of a run, in this order of precedence (first wins):
 * {@code key=value} overrides from the command line, {@code -Dlrpo.*} JVM system properties, the
 * profile file (e.g. {@code conf/local.conf}), and the defaults in every {@code reference.conf} on the
 * classpath (each module ships the keys it owns, each with a one-line description).
 *
 * <p>Keys under {@code lrpo} that no reference.conf declares are errors (a typo must not silently fall
 * back to a default), except below a section that the reference declares as an empty object: such a
 * section is an open map (for example extra Spark settings).
 */
public final class ConfigLoader {
    public static final String ROOT = "lrpo";

    private ConfigLoader() {}

    /** Loads and checks the configuration; throws {@link ConfigurationException} naming every problem. */
    public static Config load(Optional<Path> profile, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        // Unresolved: a default may refer to another key (${lrpo.model.resolution}) that a profile changes.
        // defaultReference() would also mix system properties into the "known keys".
        Config referenceUnresolved = ConfigFactory.defaultReferenceUnresolved(ConfigLoader.class.getClassLoader());
        Config reference = referenceUnresolved.resolve();
        Config profileConfig = ConfigFactory.empty();
        if (profile.isPresent()) {
            Path file = profile.get();
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException("profile file " + file + " does not exist or is not a file");
            }
            try {
                profileConfig = ConfigFactory.parseFile(file.toFile(),
                        ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new ConfigurationException("cannot parse profile " + file + ": " + e.getMessage());
            }
        }
        Config overrideConfig = parseOverrides(overrides, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        Config systemProperties = ConfigFactory.systemProperties().withOnlyPath(ROOT);
        Config merged;
        try {
            merged = overrideConfig
                    .withFallback(systemProperties)
                    .withFallback(profileConfig)
                    .withFallback(referenceUnresolved)
                    .resolve();
        } catch (ConfigException e) {
            throw new ConfigurationException(e.getMessage());
        }
        problems.addAll(unknownKeys(merged, reference));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return merged;
    }

    /** Parses {@code key=value} strings; a key without the {@code lrpo.} prefix gets it. */
    static Config parseOverrides(List<String> overrides, List<String> problems) {
        Config result = ConfigFactory.empty();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                problems.add("override '" + override + "' is not of the form key=value");
                continue;
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1).trim();
            if (!key.startsWith(ROOT + ".")) {
                key = ROOT + "." + key;
            }
            try {
                Config one = ConfigFactory.parseString(key + " = " + (value.isEmpty() ? "\"\"" : value),
                        ConfigParseOptions.defaults().setOriginDescription("command line '" + override + "'"));
                result = one.withFallback(result);
            } catch (ConfigException e) {
                problems.add("override '" + override + "' cannot be parsed: " + e.getMessage());
            }
        }
        return result;
    }

    static List<String> unknownKeys(Config merged, Config reference) {
        List<String> problems = new ArrayList<>();
        if (!merged.hasPath(ROOT)) {
            return problems;
        }
        Set<String> known = new TreeSet<>();
        if (reference.hasPath(ROOT)) {
            for (Map.Entry<String, ConfigValue> e : reference.getConfig(ROOT).entrySet()) {
                known.add(ROOT + "." + e.getKey());
            }
        }
        for (Map.Entry<String, ConfigValue> e : merged.getConfig(ROOT).entrySet()) {
            String key = ROOT + "." + e.getKey();
            if (!known.contains(key) && !insideOpenSection(key, reference)) {
                problems.add("unknown key " + key + " (set in " + e.getValue().origin().description() + ")"
                        + suggestion(key, known));
            }
        }
        return problems;
    }

    private static boolean insideOpenSection(String key, Config reference) {
        // Split with ConfigUtil so quoted elements such as "executor.memory" stay whole.
        List<String> elements = ConfigUtil.splitPath(key);
        for (int n = elements.size() - 1; n > 0; n--) {
            String prefix = ConfigUtil.joinPath(elements.subList(0, n));
            if (reference.hasPath(prefix)) {
                ConfigValue v = reference.getValue(prefix);
                return v.valueType() == ConfigValueType.OBJECT && ((ConfigObject) v).isEmpty();
            }
        }
        return false;
    }

    private static String suggestion(String key, Set<String> known) {
        Optional<String> best = known.stream()
                .min(Comparator.comparingInt(k -> editDistance(k, key)));
        if (best.isPresent() && editDistance(best.get(), key) <= Math.max(3, key.length() / 5)) {
            return "; did you mean " + best.get() + "?";
        }
        return "";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

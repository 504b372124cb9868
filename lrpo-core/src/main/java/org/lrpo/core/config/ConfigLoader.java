package org.lrpo.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
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
        Config overrideConfig = DeprecatedKeys.renamed(parseOverrides(overrides, problems), "the command line",
                problems, true);
        Config systemProperties = DeprecatedKeys.renamed(ConfigFactory.systemProperties().withOnlyPath(ROOT),
                "the JVM system properties", problems, true);
        if (profile.isPresent()) {
            profileConfig = DeprecatedKeys.renamed(profileConfig, "profile " + profile.get(), problems, true);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
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

    /**
     * A key as typed: dot-separated names, a name in double quotes when it holds dots itself (Spark's keys under
     * {@code spark.conf}); nothing HOCON would read as more than one key.
     */
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile(
            "(?:[A-Za-z0-9_-]+|\"[^\"\\\\]+\")(?:\\.(?:[A-Za-z0-9_-]+|\"[^\"\\\\]+\"))*");
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    /**
     * Parses {@code key=value} strings; a key without the {@code lrpo.} prefix gets it. Each sets exactly the key
     * typed to exactly the value typed: a number or {@code true}/{@code false} is one, a value in double quotes is
     * that string, a {@code [...]} or {@code {...}} value is a HOCON list or object (without substitutions or
     * comments), and anything else is the literal string, so {@code output-dir=/data//x}, {@code /a#b} or
     * {@code ${HOME}} are not cut at a comment or substituted, and {@code seed=1, output-dir=x} does not set a
     * second key. Anything else fails naming the override.
     */
    static Config parseOverrides(List<String> overrides, List<String> problems) {
        Config result = ConfigFactory.empty();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                problems.add("override '" + override + "' is not of the form key=value");
                continue;
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1);
            if (!KEY.matcher(key).matches()) {
                problems.add("override '" + override + "': '" + key + "' is not a configuration key (dot-separated "
                        + "names of letters, digits, '-' and '_', or a name in double quotes)");
                continue;
            }
            if (!key.startsWith(ROOT + ".")) {
                key = ROOT + "." + key;
            }
            try {
                result = ConfigFactory.empty().withValue(key, overrideValue(value, override)).withFallback(result);
            } catch (ConfigException | IllegalArgumentException e) {
                problems.add("override '" + override + "' cannot be parsed: " + e.getMessage());
            }
        }
        return result;
    }

    private static ConfigValue overrideValue(String value, String override) {
        String v = value.strip();
        String origin = "command line '" + override + "'";
        if (NUMBER.matcher(v).matches() || v.equals("true") || v.equals("false")) {
            return parsedValue(v, origin);
        }
        if (v.startsWith("\"") || v.startsWith("[") || v.startsWith("{")) {
            if (v.contains("${")) {
                throw new IllegalArgumentException("substitutions (${...}) are not applied to command-line values");
            }
            if (hasUnquotedComment(v)) {
                throw new IllegalArgumentException("'//' or '#' outside quotes would start a comment: quote the "
                        + "strings inside it");
            }
            ConfigValue parsed = parsedValue(v, origin);
            if (v.startsWith("\"") && parsed.valueType() != ConfigValueType.STRING) {
                throw new IllegalArgumentException("expected one quoted string");
            }
            return parsed;
        }
        return ConfigValueFactory.fromAnyRef(value, origin);
    }

    /** {@code text} as one HOCON value; text after it (a second value, key or comma) fails. */
    private static ConfigValue parsedValue(String text, String origin) {
        Config one = ConfigFactory.parseString("v = " + text, ConfigParseOptions.defaults()
                .setOriginDescription(origin));
        if (one.root().size() != 1 || !one.hasPathOrNull("v")) {
            throw new IllegalArgumentException("it holds more than one value");
        }
        return one.root().get("v");
    }

    /** Whether {@code text} has {@code //} or {@code #} outside double-quoted strings. */
    private static boolean hasUnquotedComment(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '#' || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/'))) {
                return true;
            }
        }
        return false;
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

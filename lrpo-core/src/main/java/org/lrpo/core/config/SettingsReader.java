package org.lrpo.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads typed, validated values from a resolved {@link Config}, collecting every problem instead of
 * stopping at the first, so a user fixes a config file in one pass.
 *
 * <p>Each getter returns a usable placeholder when the value is bad (the problem is recorded); callers
 * build their settings objects and then call {@link #throwIfInvalid()} before using any of them.
 */
public final class SettingsReader {
    private final Config config;
    private final List<String> problems = new ArrayList<>();

    public SettingsReader(Config config) {
        this.config = config;
    }

    public int intIn(String key, int min, int max) {
        try {
            int v = config.getInt(key);
            if (v < min || v > max) {
                problem(key, config.getValue(key), "an integer in [" + min + ", " + max + "]");
            }
            return v;
        } catch (ConfigException e) {
            return typeProblem(key, "an integer in [" + min + ", " + max + "]", min);
        }
    }

    public long longValue(String key) {
        try {
            return config.getLong(key);
        } catch (ConfigException e) {
            return typeProblem(key, "a 64-bit integer", 0L);
        }
    }

    /** A double in the closed interval [min, max]. */
    public double doubleIn(String key, double min, double max) {
        return doubleChecked(key, min, max, false);
    }

    /** A double in the half-open interval (min, max]. */
    public double doubleAbove(String key, double min, double max) {
        return doubleChecked(key, min, max, true);
    }

    private double doubleChecked(String key, double min, double max, boolean openBelow) {
        String allowed = "a number in " + (openBelow ? "(" : "[") + min + ", " + max + "]";
        try {
            double v = config.getDouble(key);
            boolean ok = Double.isFinite(v) && (openBelow ? v > min : v >= min) && v <= max;
            if (!ok) {
                problem(key, config.getValue(key), allowed);
            }
            return v;
        } catch (ConfigException e) {
            return typeProblem(key, allowed, max);
        }
    }

    public boolean bool(String key) {
        try {
            return config.getBoolean(key);
        } catch (ConfigException e) {
            return typeProblem(key, "true or false", false);
        }
    }

    public String string(String key) {
        try {
            return config.getString(key);
        } catch (ConfigException e) {
            return typeProblem(key, "a string", "");
        }
    }

    public String nonEmptyString(String key) {
        String v = string(key);
        if (v.isBlank() && config.hasPath(key)) {
            problem(key, config.getValue(key), "a non-empty string");
        }
        return v;
    }

    /** A list of integers, each in [min, max], with at least {@code minSize} entries. */
    public List<Integer> intList(String key, int minSize, int min, int max) {
        String allowed = "a list of at least " + minSize + " integers in [" + min + ", " + max + "]";
        try {
            List<Integer> v = config.getIntList(key);
            if (v.size() < minSize || v.stream().anyMatch(i -> i < min || i > max)) {
                problem(key, config.getValue(key), allowed);
            }
            return List.copyOf(v);
        } catch (ConfigException e) {
            return typeProblem(key, allowed, List.of());
        }
    }

    /**
     * One of an enum's constants, written in lower case with dashes ({@code NOISE_LEVEL} is
     * {@code noise-level}); an unknown word is a problem that lists the allowed ones.
     */
    public <E extends Enum<E>> E oneOf(String key, Class<E> type) {
        E[] constants = type.getEnumConstants();
        List<String> names = new ArrayList<>();
        for (E c : constants) {
            names.add(configName(c));
        }
        try {
            String v = config.getString(key);
            for (E c : constants) {
                if (configName(c).equals(v.toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            problem(key, config.getValue(key), "one of " + names);
        } catch (ConfigException e) {
            typeProblem(key, "one of " + names, null);
        }
        return constants[0];
    }

    /** The spelling of an enum constant in config files: {@code NOISE_LEVEL -> noise-level}. */
    public static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Records a cross-key problem (e.g. two values that do not divide), phrased by the caller. */
    public void require(boolean condition, String message) {
        if (!condition) {
            problems.add(message);
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    private void problem(String key, ConfigValue value, String allowed) {
        problems.add(key + " = " + value.render() + " is not allowed: expected " + allowed
                + where(value));
    }

    private <T> T typeProblem(String key, String allowed, T placeholder) {
        if (!config.hasPathOrNull(key)) {
            problems.add(key + " is missing: expected " + allowed);
        } else {
            ConfigValue value = config.getValue(key);
            problems.add(key + " = " + value.render() + " has the wrong type: expected " + allowed + where(value));
        }
        return placeholder;
    }

    private static String where(ConfigValue value) {
        String d = value.origin().description();
        return d == null || d.isBlank() ? "" : " (set in " + d + ")";
    }
}

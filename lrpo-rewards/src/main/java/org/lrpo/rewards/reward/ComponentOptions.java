package org.lrpo.rewards.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of one reward component ({@code lrpo.reward.components.<name>.*}): a plain map from key to
 * value, read with typed, validated getters whose errors name the component, the key and the value.
 *
 * <p>Values may be strings (parsed), numbers, booleans or lists, so both a hand-made map and Typesafe
 * Config's {@code config.getConfig(path).root().unwrapped()} work; a list may also be given as a
 * comma-separated string. Every key the component does not read is an error
 * ({@link #requireOnly}): a typo must not silently fall back to a default.
 */
public final class ComponentOptions {
    private final String component;
    private final Map<String, Object> values;

    private ComponentOptions(String component, Map<String, ?> values) {
        this.component = component;
        this.values = new LinkedHashMap<>(values);
    }

    public static ComponentOptions of(String component, Map<String, ?> values) {
        return new ComponentOptions(component, values == null ? Map.of() : values);
    }

    public static ComponentOptions none(String component) {
        return of(component, Map.of());
    }

    public String component() {
        return component;
    }

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    /** Fails if a key outside {@code known} is given, listing the known keys. */
    public void requireOnly(Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new InvalidOptionException(component, null, "unknown option(s) " + unknown + " for reward component '"
                    + component + "'; it knows " + new TreeSet<>(known));
        }
    }

    public String string(String key, String fallback) {
        return has(key) ? values.get(key).toString().trim() : fallback;
    }

    public String requiredString(String key) {
        if (!has(key) || values.get(key).toString().isBlank()) {
            throw bad(key, "missing", "a value");
        }
        return values.get(key).toString().trim();
    }

    /** A number in [min, max]. */
    public double doubleIn(String key, double fallback, double min, double max) {
        if (!has(key)) {
            return fallback;
        }
        double v = parseDouble(key, values.get(key));
        if (!(v >= min && v <= max)) {
            throw bad(key, values.get(key), "a number in [" + min + ", " + max + "]");
        }
        return v;
    }

    /** An integer in [min, max]. */
    public int intIn(String key, int fallback, int min, int max) {
        if (!has(key)) {
            return fallback;
        }
        Object raw = values.get(key);
        double v = parseDouble(key, raw);
        if (v != Math.rint(v) || v < min || v > max) {
            throw bad(key, raw, "an integer in [" + min + ", " + max + "]");
        }
        return (int) v;
    }

    /** A 64-bit integer (a seed, say), exactly: a number that is not integral is an error. */
    public long longValue(String key, long fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object raw = values.get(key);
        if (raw instanceof Long || raw instanceof Integer) {
            return ((Number) raw).longValue();
        }
        try {
            return Long.parseLong(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a 64-bit integer");
        }
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object raw = values.get(key);
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw.toString().trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw bad(key, raw, "true or false");
    }

    /** Exactly {@code n} numbers (a list, or a comma-separated string). */
    public double[] doubles(String key, double[] fallback, int n) {
        if (!has(key)) {
            return fallback == null ? null : fallback.clone();
        }
        Object raw = values.get(key);
        List<Object> items = new ArrayList<>();
        if (raw instanceof List<?> list) {
            items.addAll(list);
        } else {
            for (String part : raw.toString().split(",")) {
                items.add(part);
            }
        }
        if (items.size() != n) {
            throw bad(key, raw, n + " numbers");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = parseDouble(key, items.get(i));
            if (!Double.isFinite(out[i])) {
                throw bad(key, raw, n + " finite numbers");
            }
        }
        return out;
    }

    /** One of {@code allowed} (case-insensitive), returned in lower case. */
    public String oneOf(String key, String fallback, Set<String> allowed) {
        if (!has(key)) {
            return fallback;
        }
        String v = values.get(key).toString().trim().toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(v)) {
            throw bad(key, values.get(key), "one of " + new TreeSet<>(allowed));
        }
        return v;
    }

    private double parseDouble(String key, Object raw) {
        if (raw instanceof Number num) {
            return num.doubleValue();
        }
        try {
            return Double.parseDouble(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a number");
        }
    }

    /** An error for option {@code key}, whose value is {@code value}, naming what was expected. */
    public InvalidOptionException invalid(String key, Object value, String expected) {
        return bad(key, value, expected);
    }

    private InvalidOptionException bad(String key, Object value, String expected) {
        return new InvalidOptionException(component, key, "reward component '" + component + "' option '" + key
                + "' = " + value + ": expected " + expected);
    }

    @Override
    public String toString() {
        return component + values;
    }
}

package org.lrpo.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides credentials before a configuration leaves the process: checkpoint manifests, {@code --check-config},
 * logs. A value is secret when its full path matches {@link #SENSITIVE}, the union of Spark's default
 * {@code spark.redaction.regex} ({@code secret|password|token|access[.]key}) and Hadoop's default
 * {@code hadoop.security.sensitive-config-keys} (credentials, encryption and account keys). The running job
 * keeps the real values; only what is written or printed is redacted.
 */
public final class SecretRedaction {
    /** Paths whose values are never written out. */
    public static final Pattern SENSITIVE = Pattern.compile(
            "(?i)secret|password|passwd|token|access[._-]?key|credential|encryption[._-]?key|account[.]key"
                    + "|private[._-]?key|sensitive-config-keys");
    /** What a secret value becomes (Spark writes the same). */
    public static final String REDACTED = "*********(redacted)";

    private SecretRedaction() {}

    /** {@code config} with every sensitive value replaced by {@link #REDACTED}. */
    public static Config redact(Config config) {
        Config out = config;
        for (List<String> path : leaves(config.root(), new ArrayList<>(), new ArrayList<>())) {
            if (SENSITIVE.matcher(String.join(".", path)).find()) {
                out = out.withValue(ConfigUtil.joinPath(path), ConfigValueFactory.fromAnyRef(REDACTED));
            }
        }
        return out;
    }

    /** The {@code lrpo} subtree of {@code config}, redacted, as one line of JSON (what manifests record). */
    public static String lrpoText(Config config) {
        return redact(config).getConfig("lrpo").root().render(ConfigRenderOptions.concise());
    }

    private static List<List<String>> leaves(ConfigObject object, List<String> prefix, List<List<String>> into) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            if (e.getValue().valueType() == ConfigValueType.OBJECT) {
                leaves((ConfigObject) e.getValue(), path, into);
            } else {
                into.add(path);
            }
        }
        return into;
    }
}

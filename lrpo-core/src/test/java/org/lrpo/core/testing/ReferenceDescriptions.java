package org.lrpo.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;

/** Every {@code lrpo.*} default on the classpath (all modules' reference.conf) carries its one-line description. */
public final class ReferenceDescriptions {
    private ReferenceDescriptions() {}

    public static void assertEveryKeyDescribed() {
        Config reference = ConfigFactory.defaultReferenceUnresolved().resolve();
        for (var e : reference.getConfig("lrpo").entrySet()) {
            List<String> comments = e.getValue().origin().comments();
            assertTrue(!comments.isEmpty() && !comments.get(comments.size() - 1).isBlank(),
                    "lrpo." + e.getKey() + " has no one-line description in reference.conf ("
                            + e.getValue().origin().description() + ")");
        }
    }
}

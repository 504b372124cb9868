package org.lrpo.core.checkpoint;

import ai.djl.engine.Engine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** What produced a checkpoint: creation time, Java, OS and DJL versions (Tribuo's ModelProvenance idea). */
public final class Provenance {
    private Provenance() {}

    /** The current JVM's provenance; reading the DJL version does not load the native engine. */
    public static Map<String, String> current() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("created", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        for (String key : new String[] {"java.version", "java.vendor", "java.vm.name", "os.name", "os.arch",
                "os.version"}) {
            p.put(key, System.getProperty(key, "unknown"));
        }
        p.put("djl.version", Engine.getDjlVersion());
        return p;
    }
}

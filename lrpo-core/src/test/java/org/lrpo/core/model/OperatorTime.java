package org.lrpo.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time spent inside libtorch's operators, read from the chrome-trace JSON its profiler writes
 * ({@code JniUtils.stopProfile}): the summed duration of the top-level operator events of each thread (an
 * event nested in another, e.g. {@code aten::convolution} inside {@code aten::conv2d}, or a backward
 * function's ops inside its autograd node, is not counted twice). Against the wall time of the same call
 * measured in Java, the rest is the Java path's own cost: JNI crossings, NDArray bookkeeping, copies to and
 * from the heap (issue 16). {@code src/test/python/profile_summary.py} breaks the same trace down per operator.
 *
 * @param topLevelMicros summed duration of the top-level operator events, microseconds
 * @param topLevelOps how many there are
 */
record OperatorTime(double topLevelMicros, int topLevelOps) {

    static OperatorTime of(Path trace) throws IOException {
        Map<String, List<JsonNode>> byThread = new TreeMap<>();
        for (JsonNode e : new ObjectMapper().readTree(trace.toFile())) {
            if ("X".equals(e.path("ph").asText())) {
                byThread.computeIfAbsent(e.path("pid").asText() + "/" + e.path("tid").asText(),
                        k -> new ArrayList<>()).add(e);
            }
        }
        double micros = 0;
        int ops = 0;
        for (List<JsonNode> events : byThread.values()) {
            events.sort(Comparator.<JsonNode>comparingDouble(e -> e.path("ts").asDouble())
                    .thenComparing(e -> -e.path("dur").asDouble()));
            double openUntil = Double.NEGATIVE_INFINITY;
            for (JsonNode e : events) {
                double start = e.path("ts").asDouble();
                double end = start + e.path("dur").asDouble();
                if (start >= openUntil) {
                    micros += end - start;
                    ops++;
                    openUntil = end;
                } else {
                    openUntil = Math.max(openUntil, end);
                }
            }
        }
        return new OperatorTime(micros, ops);
    }

    /** The share of {@code wallMillis} spent outside libtorch's operators. */
    double outsideShare(double wallMillis) {
        return 1 - topLevelMicros / 1e3 / wallMillis;
    }
}

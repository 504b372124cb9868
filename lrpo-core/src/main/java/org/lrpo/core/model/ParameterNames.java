package org.lrpo.core.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/** The readable, stable parameter names that optimisers and checkpoints key on. */
final class ParameterNames {
    private ParameterNames() {}

    /** DJL names "01base_02encoder_03l0res0_01norm1_gamma" become "base.encoder.l0res0.norm1.gamma". */
    static Map<String, Parameter> readable(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            String[] parts = pair.getKey().split("_");
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    name.append('.');
                }
                name.append(i < parts.length - 1 ? parts[i].replaceFirst("^\\d+", "") : parts[i]);
            }
            if (out.put(name.toString(), pair.getValue()) != null) {
                throw new IllegalStateException("two parameters map to the name " + name);
            }
        }
        return out;
    }
}

package org.lrpo.core.model;

import java.util.EnumSet;
import java.util.Set;

/** Which parameter groups receive gradients. */
public enum TrainableSet {
    /** The paper's setting: base frozen, only the control branch trained. */
    CONTROL_ONLY(EnumSet.of(ParameterGroup.CONTROL)),
    /** Everything trained (e.g. supervised pre-training from scratch). */
    ALL(EnumSet.allOf(ParameterGroup.class));

    private final Set<ParameterGroup> groups;

    TrainableSet(Set<ParameterGroup> groups) {
        this.groups = groups;
    }

    public boolean trains(ParameterGroup group) {
        return groups.contains(group);
    }
}

package org.lrpo.core.config;

import org.lrpo.core.degrade.DegradationPreset;

/**
 * Synthetic degradation of training pairs (METHOD section 8).
 *
 * @param preset the parameter ranges: DiffBIR/CodeFormer, GFPGAN/VQFR, or LIGHT (ours, for small faces)
 */
public record DegradationSettings(DegradationPreset preset) {

    static DegradationSettings read(SettingsReader r) {
        return new DegradationSettings(r.oneOf("lrpo.degradation.preset", DegradationPreset.class));
    }
}

package org.lrpo.core.config;

import org.lrpo.core.degrade.DegradationPreset;

/**
 * Synthetic degradation of training pairs (METHOD section 8).
 *
 * @param preset the parameter ranges: DiffBIR/CodeFormer or GFPGAN/VQFR
 */
public record DegradationSettings(DegradationPreset preset) {

    static DegradationSettings read(SettingsReader r) {
        return new DegradationSettings(r.oneOf("lrpo.degradation.preset", DegradationPreset.class));
    }
}

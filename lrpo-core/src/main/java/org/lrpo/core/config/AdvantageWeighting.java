package org.lrpo.core.config;

/** How an episode's advantage is spread over its denoising steps (an ablation switch). */
public enum AdvantageWeighting {
    /** w_k proportional to the step's eta = 1 posterior std, normalised to mean 1 (METHOD 5). */
    NOISE_LEVEL,
    /** w_k = 1 for every step: the ablation "flat advantage". */
    FLAT
}

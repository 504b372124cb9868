/**
 * METHOD.md section 2: the noise schedule ({@link org.lrpo.core.diffusion.NoiseSchedule}), the K DDIM
 * timesteps ({@link org.lrpo.core.diffusion.DdimTimesteps}), one DDIM step that samples or re-scores with
 * a per-step log-probability ({@link org.lrpo.core.diffusion.DdimStep}), and the sampler that records
 * rollouts ({@link org.lrpo.core.diffusion.DdimSampler}, {@link org.lrpo.core.diffusion.Rollout}).
 * Every random draw comes from {@link org.lrpo.core.diffusion.NoiseKey} streams.
 */
package org.lrpo.core.diffusion;

/**
 * The policy network {@code eps_theta(x_t, t, c)} of METHOD.md section 1: a small UNet (timestep
 * embedding, residual blocks, GroupNorm, SiLU, down/up sampling, skip connections) plus a ControlNet-style
 * branch that reads the LQ image and whose output convolutions start at zero.
 *
 * <p>Entry point: {@link org.lrpo.core.model.ConditionalDenoiser}, configured by
 * {@link org.lrpo.core.model.PolicyConfig}. Parameters are named {@code base.*} and {@code control.*}
 * ({@link org.lrpo.core.model.ParameterGroup}); {@link org.lrpo.core.model.TrainableSet} freezes the base
 * (the paper's setting) or trains everything.
 */
package org.lrpo.core.model;

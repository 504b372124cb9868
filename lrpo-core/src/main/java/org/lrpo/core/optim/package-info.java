/**
 * Optimisation on plain Java arrays, usable in a single JVM and on the Spark driver alike.
 *
 * <p>{@link org.lrpo.core.optim.ParameterLayout} names and shapes the trainable tensors and places
 * them in one flat {@code float[]}; {@link org.lrpo.core.optim.ParameterSet} is a layout plus that
 * vector; {@link org.lrpo.core.optim.DjlParameters} copies weights into and gradients out of a DJL
 * block. A step (METHOD §6 and §7) is {@link org.lrpo.core.optim.ParameterUpdater#apply}: skip on a
 * non-finite gradient, {@link org.lrpo.core.optim.GradientClipping clip} the global norm,
 * {@link org.lrpo.core.optim.LearningRateSchedule schedule} the rate,
 * {@link org.lrpo.core.optim.AdamW} (torch.optim.AdamW's arithmetic), then the optional
 * {@link org.lrpo.core.optim.Ema}.
 */
package org.lrpo.core.optim;

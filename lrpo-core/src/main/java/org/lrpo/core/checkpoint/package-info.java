/**
 * Checkpoints: a folder {@code step-%012d} holding {@code weights.safetensors},
 * {@code optimizer.safetensors}, optionally {@code ema.safetensors}, and {@code manifest.json}.
 *
 * <p>{@link org.lrpo.core.checkpoint.CheckpointWriter} writes one atomically through a
 * {@link org.lrpo.core.checkpoint.CheckpointStore} (local here; a Hadoop store belongs in
 * lrpo-spark-jobs); {@link org.lrpo.core.checkpoint.CheckpointReader} loads and checks it against the
 * model's {@link org.lrpo.core.optim.ParameterLayout}; {@link org.lrpo.core.checkpoint.CheckpointFinder}
 * finds the newest complete one to resume from. The tensor files are plain safetensors
 * ({@link org.lrpo.core.checkpoint.SafetensorsWriter}, {@link org.lrpo.core.checkpoint.SafetensorsReader}),
 * readable from PyTorch. No Java serialization.
 */
package org.lrpo.core.checkpoint;

/**
 * One LRPO round as explicit phases, and the runner that executes them in one JVM.
 *
 * <pre>
 *   faces --RolloutPhase--> FaceGroups --RewardTable.score--> RewardTable
 *         --AdvantagePlan.of--> advantages + kept samples + micro-batches
 *         --GradientPhase (per shard of a micro-batch, per OptimiserUpdate)--> ShardGradient
 *         --LrpoState.apply (ordered sum, guarded AdamW step)--> AppliedUpdate --RoundTally--> RoundReport
 * </pre>
 *
 * {@link org.lrpo.core.round.LrpoParts} builds every fixed piece from the settings once.
 * {@link org.lrpo.core.round.LrpoTrainer} runs the phases in one JVM with one shard per micro-batch; the
 * Spark job ({@code org.lrpo.jobs.train.SparkLrpoTrainer}) runs the same phases with one shard per
 * partition. Neither runner holds any of the method's math: that lives in {@code org.lrpo.core.lrpo}.
 */
package org.lrpo.core.round;

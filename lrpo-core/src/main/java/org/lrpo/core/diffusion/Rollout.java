package org.lrpo.core.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A batch of sampled trajectories that share the K timesteps and eta (METHOD.md section 3): per candidate
 * the K + 1 latents and K old log-probabilities ({@link Trajectory}); the rollout holds the timestep tau_k
 * of each step once for all candidates.
 * Training batches come back as NDArrays with {@link #xt} and {@link #xPrev}.
 */
public final class Rollout {
    private final int[] timesteps;
    private final double eta;
    private final Shape latentShape;
    private final List<Trajectory> trajectories;

    /**
     * @param timesteps tau_k of each of the K steps
     * @param latentShape the shape of one latent; every trajectory holds K + 1 latents of its size
     * @param trajectories one per candidate, each of K steps
     */
    public Rollout(int[] timesteps, double eta, Shape latentShape, List<Trajectory> trajectories) {
        for (Trajectory t : trajectories) {
            if (t.steps() != timesteps.length || t.elements() != latentShape.size()) {
                throw new IllegalArgumentException("trajectory " + t.key() + " has " + t.steps() + " steps of "
                        + t.elements() + " elements, the rollout " + timesteps.length + " steps of latents "
                        + latentShape);
            }
        }
        this.timesteps = timesteps.clone();
        this.eta = eta;
        this.latentShape = latentShape;
        this.trajectories = List.copyOf(trajectories);
    }

    /** K. */
    public int steps() {
        return timesteps.length;
    }

    /** tau_k of step k. */
    public int timestep(int k) {
        return timesteps[k];
    }

    public double eta() {
        return eta;
    }

    /** Shape of one latent, e.g. (3, 64, 64). */
    public Shape latentShape() {
        return latentShape;
    }

    public List<Trajectory> trajectories() {
        return trajectories;
    }

    public Trajectory trajectory(int i) {
        return trajectories.get(i);
    }

    /** x_t of step k for the given candidates (all when none given), in {@code manager}. */
    public NDArray xt(NDManager manager, int k, int... candidates) {
        return latents(manager, k, candidates);
    }

    /** The stored x_prev of step k (= x_t of step k + 1) for the given candidates, in {@code manager}. */
    public NDArray xPrev(NDManager manager, int k, int... candidates) {
        return latents(manager, k + 1, candidates);
    }

    /** The old log pi of step k for the given candidates. */
    public float[] logProbs(int k, int... candidates) {
        int[] c = select(candidates);
        float[] out = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = trajectories.get(c[i]).logProb(k);
        }
        return out;
    }

    private NDArray latents(NDManager manager, int j, int[] candidates) {
        int[] c = select(candidates);
        int d = Math.toIntExact(latentShape.size());
        float[] batch = new float[c.length * d];
        for (int i = 0; i < c.length; i++) {
            trajectories.get(c[i]).copyLatent(j, batch, i);
        }
        return manager.create(batch, new Shape(c.length).addAll(latentShape));
    }

    private int[] select(int[] candidates) {
        if (candidates.length > 0) {
            return candidates;
        }
        int[] all = new int[trajectories.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }
}

package org.lrpo.core.diffusion;

import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/**
 * Names the noise of one candidate's trajectory (METHOD.md section 2: "Every random draw is derived from
 * a seed that names (run, iteration, image, candidate, step)"). The step comes with each draw.
 *
 * @param runSeed the run's seed
 * @param round the LRPO iteration (sampling round)
 * @param image a stable id of the LQ image, e.g. {@link Seeds#idCoordinate(String)} of the face id
 * @param candidate the candidate index within the image's group, 0 .. G-1
 */
public record NoiseKey(long runSeed, long round, long image, long candidate) {
    static final String INITIAL_DOMAIN = "ddim-initial-noise";
    static final String STEP_DOMAIN = "ddim-step-noise";

    /** The stream of the starting latent x_T ~ N(0, I). */
    public SplittableRandom initialStream() {
        return Seeds.stream(runSeed, INITIAL_DOMAIN, round, image, candidate);
    }

    /** The stream of z at step index k (0 = the noisiest step). */
    public SplittableRandom stepStream(int k) {
        return Seeds.stream(runSeed, STEP_DOMAIN, round, image, candidate, k);
    }
}

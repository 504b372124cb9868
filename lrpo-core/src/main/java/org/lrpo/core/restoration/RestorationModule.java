package org.lrpo.core.restoration;

import java.util.List;
import org.lrpo.core.image.RgbImage;

/**
 * The stage-1 restoration module {@code R} as the rest of the system sees it (METHOD.md section 1): it
 * maps degraded images to cleaned ones, and the diffusion policy is conditioned on its output.
 * Implementations are frozen: their weights never change while they serve (an image restored in a batch
 * may differ from the same image restored alone in the last float bits, ~1e-7).
 */
public interface RestorationModule {

    /** {@code R(lq)} for each image; images may differ in size. */
    List<RgbImage> restore(List<RgbImage> lq);

    /**
     * A short fingerprint of R's weights (the stage-1 checkpoint's weights hash), recorded in every
     * stage-2 checkpoint trained against it.
     */
    String fingerprint();

    /**
     * {@code R(x) = x}: conditions the policy on the raw LQ image, as this project did before stage 1
     * existed. For tests and ablations only; no product path uses it.
     */
    static RestorationModule identity() {
        return new RestorationModule() {
            @Override
            public List<RgbImage> restore(List<RgbImage> lq) {
                return List.copyOf(lq);
            }

            @Override
            public String fingerprint() {
                return "identity";
            }
        };
    }
}

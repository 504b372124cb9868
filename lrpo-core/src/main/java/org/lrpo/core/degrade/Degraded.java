package org.lrpo.core.degrade;

import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/** A degraded image and the parameters that made it. */
public record Degraded(RgbImage lq, DegradationParams params) {
    public Degraded {
        Objects.requireNonNull(lq, "lq");
        Objects.requireNonNull(params, "params");
    }
}

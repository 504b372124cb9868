package org.lrpo.core.train;

import org.lrpo.core.random.Seeds;

/**
 * Which faces are held out of training, decided by a hash of the face's id alone, so the split is
 * the same on every run, every machine and every partitioning.
 */
public final class FaceSplit {
    private final double heldOutFraction;

    public FaceSplit(double heldOutFraction) {
        if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("held-out fraction must be in [0, 1), got " + heldOutFraction);
        }
        this.heldOutFraction = heldOutFraction;
    }

    public boolean isHeldOut(String id) {
        // Top 53 bits of the id's hash as a uniform number in [0, 1).
        double u = (Seeds.idCoordinate(id) >>> 11) * 0x1.0p-53;
        return u < heldOutFraction;
    }

    public double heldOutFraction() {
        return heldOutFraction;
    }
}

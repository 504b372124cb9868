package org.lrpo.core.lrpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lrpo.core.config.AdvantageWeighting;
import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.diffusion.NoiseSchedule;

class NoiseLevelWeightsTest {

    /**
     * w_k for K = 50 on METHOD 1's schedule, computed independently in float64 numpy (Debian python3-numpy):
     *
     * <pre>
     * T=1000; b=np.linspace(np.sqrt(0.00085),np.sqrt(0.012),T)**2; ab=np.cumprod(1-b); K=50
     * ts=(np.arange(0,K)*(T//K)+1)[::-1]
     * prev=np.array([ab[ts[i+1]] if i+1<K else ab[0] for i in range(K)])
     * sig=np.sqrt((1-prev)/(1-ab[ts]))*np.sqrt(1-ab[ts]/prev); w=sig/sig.mean()
     * </pre>
     */
    private static final double[] NUMPY_K50 = {1.6026893569, 1.5808923275, 1.5589500094, 1.5368604021,
        1.5146217098, 1.4922324174, 1.4696913632, 1.4469978055, 1.4241514793, 1.4011526408, 1.3780020986,
        1.3547012280, 1.3312519697, 1.3076568118, 1.2839187558, 1.2600412672, 1.2360282135, 1.2118837905,
        1.1876124375, 1.1632187465, 1.1387073624, 1.1140828792, 1.0893497298, 1.0645120701, 1.0395736553,
        1.0145377070, 0.9894067649, 0.9641825176, 0.9388656033, 0.9134553676, 0.8879495572, 0.8623439249,
        0.8366317032, 0.8108028867, 0.7848432289, 0.7587328079, 0.7324439207, 0.7059379062, 0.6791602021,
        0.6520323711, 0.6244386847, 0.5962023748, 0.5670408993, 0.5364748087, 0.5036221246, 0.4666648180,
        0.4211471053, 0.3522580088, 0.1392267588, 0.0728174200};

    private static double[] etaOneSigmas(DdimTimesteps steps) {
        double[] s = new double[steps.count()];
        for (int k = 0; k < s.length; k++) {
            s[k] = steps.sigma(k, 1.0);
        }
        return s;
    }

    @Test
    void k50OnTheMethodScheduleMatchesAnIndependentComputation() {
        DdimTimesteps steps = NoiseSchedule.stableDiffusion().ddim(50);
        NoiseLevelWeights w = NoiseLevelWeights.of(etaOneSigmas(steps), AdvantageWeighting.NOISE_LEVEL, 5.0);
        assertArrayEquals(NUMPY_K50, w.weights(), 1e-9);
        assertEquals(1.60, w.weight(0), 0.005, "about 1.60 at the first step");
        assertEquals(0.07, w.weight(49), 0.005, "about 0.07 at the last");
        assertEquals(1.0, java.util.Arrays.stream(w.weights()).average().orElseThrow(), 1e-12, "mean 1");
    }

    @Test
    void handWorkedWeightsAndClip() {
        // sigmas 1, 2, 3 -> mean 2 -> w = 0.5, 1, 1.5; A = 4 -> 2, 4, 6 -> clipped to 5.
        NoiseLevelWeights w = NoiseLevelWeights.of(new double[] {1, 2, 3}, AdvantageWeighting.NOISE_LEVEL, 5.0);
        assertArrayEquals(new double[] {0.5, 1.0, 1.5}, w.weights(), 0.0);
        assertEquals(2.0, w.weightedAdvantage(4, 0));
        assertEquals(4.0, w.weightedAdvantage(4, 1));
        assertEquals(5.0, w.weightedAdvantage(4, 2));
        assertEquals(-5.0, w.weightedAdvantage(-4, 2));
    }

    @Test
    void flatAblationIgnoresTheSigmas() {
        NoiseLevelWeights w = NoiseLevelWeights.of(new double[] {1, 2, 3}, AdvantageWeighting.FLAT, 5.0);
        assertArrayEquals(new double[] {1, 1, 1}, w.weights(), 0.0);
    }

    @Test
    void badSigmasAreNamed() {
        assertThrows(IllegalArgumentException.class,
                () -> NoiseLevelWeights.of(new double[] {0, 0}, AdvantageWeighting.NOISE_LEVEL, 5));
        assertThrows(IllegalArgumentException.class,
                () -> NoiseLevelWeights.of(new double[] {1, Double.NaN}, AdvantageWeighting.NOISE_LEVEL, 5));
        assertThrows(IllegalArgumentException.class,
                () -> NoiseLevelWeights.of(new double[] {1}, AdvantageWeighting.NOISE_LEVEL, 0));
    }
}

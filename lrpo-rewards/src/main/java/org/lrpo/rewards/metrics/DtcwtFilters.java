package org.lrpo.rewards.metrics;

/**
 * The two lowpass analysis filters the DT-CWT lowpass path needs (Kingsbury's published filter banks).
 *
 * <p>Numbers as distributed in the {@code dtcwt} Python package 0.12.0 (BSD licence; Debian
 * {@code python3-dtcwt}), files {@code dtcwt/data/near_sym_b.npz} (variable {@code h0o}) and
 * {@code dtcwt/data/qshift_b.npz} ({@code h0a}, {@code h0b}), printed with
 * {@code /usr/bin/python3 -c 'import dtcwt.coeffs; print(dtcwt.coeffs.biort("near_sym_b"))'} and
 * {@code ... qshift("qshift_b")} and copied here at full double precision. They originate in N. Kingsbury,
 * "Complex wavelets for shift invariant analysis and filtering of signals", ACHA 10(3), 2001 (near-symmetric
 * 13,19-tap biorthogonal pair) and "Design of Q-shift complex wavelets for image processing using frequency
 * domain energy minimisation", ICIP 2003 (14-tap Q-shift filters).
 */
final class DtcwtFilters {
    private DtcwtFilters() {}

    /** near_sym_b level-1 lowpass analysis filter h0o, 13 taps, symmetric. */
    static final double[] NEAR_SYM_B_H0O = {
        -0.0017578125, 0.0, 0.022265625, -0.046875, -0.0482421875, 0.296875, 0.55546875,
        0.296875, -0.0482421875, -0.046875, 0.022265625, 0.0, -0.0017578125
    };

    /** qshift_b tree-a lowpass analysis filter h0a, 14 taps. */
    static final double[] QSHIFT_B_H0A = {
        0.003253142763653182, -0.00388321199915849, 0.03466034684485349, -0.03887280126882779,
        -0.11720388769911527, 0.27529538466888204, 0.7561456438925225, 0.5688104207121227,
        0.011866092033797, -0.1067118046866654, 0.023825384794920298, 0.01702522388155399,
        -0.005439475937274115, -0.004556895628475491
    };

    /** qshift_b tree-b lowpass analysis filter h0b = h0a reversed. */
    static final double[] QSHIFT_B_H0B = reversed(QSHIFT_B_H0A);

    private static double[] reversed(double[] h) {
        double[] r = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            r[i] = h[h.length - 1 - i];
        }
        return r;
    }
}

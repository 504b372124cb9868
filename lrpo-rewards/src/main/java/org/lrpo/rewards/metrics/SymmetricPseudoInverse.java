package org.lrpo.rewards.metrics;

/**
 * Moore-Penrose pseudo-inverse of a small symmetric matrix through its eigen-decomposition (cyclic Jacobi
 * rotations). Eigenvalues with {@code |lambda| <= 1e-15 * max|lambda|} are treated as zero, the cut-off of
 * {@code numpy.linalg.pinv}'s default {@code rcond} (for a symmetric matrix the singular values are |lambda|).
 */
final class SymmetricPseudoInverse {
    private SymmetricPseudoInverse() {}

    static double[][] of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("pinv: matrix is not square (" + n + "x" + matrix[i].length + ")");
            }
            a[i] = matrix[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1.0;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30 * frobeniusSquared(a) || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(a[i][i]));
        }
        double cutoff = 1e-15 * max;
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double lambda = a[k][k];
            if (Math.abs(lambda) <= cutoff) {
                continue;
            }
            double inv = 1 / lambda;
            for (int i = 0; i < n; i++) {
                double vi = v[i][k] * inv;
                for (int j = 0; j < n; j++) {
                    out[i][j] += vi * v[j][k];
                }
            }
        }
        return out;
    }

    private static double frobeniusSquared(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double d : row) {
                s += d * d;
            }
        }
        return s;
    }
}

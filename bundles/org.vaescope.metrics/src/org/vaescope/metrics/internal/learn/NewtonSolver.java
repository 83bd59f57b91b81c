package org.vaescope.metrics.internal.learn;

/**
 * Damped (generalised) Newton minimisation of a smooth convex objective with a positive
 * definite (generalised) Hessian, with Armijo backtracking. Used by the small linear learners,
 * whose parameter vectors are short (number of features + 1).
 */
final class NewtonSolver {

    /** A convex objective over a parameter vector. */
    interface Objective {
        double value(double[] theta);

        /** Fills {@code gradient} and {@code hessian} (both zeroed by the caller) at {@code theta}. */
        void gradientAndHessian(double[] theta, double[] gradient, double[][] hessian);
    }

    private static final int MAX_ITERATIONS = 100;
    private static final double RELATIVE_TOLERANCE = 1e-12;

    private NewtonSolver() {
    }

    /** Minimises {@code objective} starting from zero. */
    static double[] minimise(Objective objective, int dimension) {
        double[] theta = new double[dimension];
        double current = objective.value(theta);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[dimension];
            double[][] hessian = new double[dimension][dimension];
            objective.gradientAndHessian(theta, gradient, hessian);
            for (int i = 0; i < dimension; i++) {
                hessian[i][i] += 1e-12; // keeps an unregularised intercept strictly positive definite
            }
            double[] step = Stats.solveSpd(hessian, gradient);
            double decrement = 0.0;
            for (int i = 0; i < dimension; i++) decrement += gradient[i] * step[i];
            if (decrement / 2 <= RELATIVE_TOLERANCE * (1.0 + Math.abs(current))) {
                break;
            }
            double alpha = 1.0;
            double[] candidate = new double[dimension];
            double next;
            while (true) {
                for (int i = 0; i < dimension; i++) candidate[i] = theta[i] - alpha * step[i];
                next = objective.value(candidate);
                if (next <= current - 0.25 * alpha * decrement || alpha < 1e-10) break;
                alpha /= 2;
            }
            if (next > current) {
                break; // no further progress possible at double precision
            }
            theta = candidate;
            current = next;
        }
        return theta;
    }

    /** Adds {@code scale * x̃ x̃ᵀ} to the upper triangle, where x̃ = (x, 1). */
    static void addOuter(double[][] hessian, double[] x, double scale) {
        int d = x.length;
        for (int a = 0; a < d; a++) {
            double sa = scale * x[a];
            double[] row = hessian[a];
            for (int b = a; b < d; b++) row[b] += sa * x[b];
            row[d] += sa;
        }
        hessian[d][d] += scale;
    }

    /** Copies the upper triangle into the lower one. */
    static void symmetrise(double[][] m) {
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < a; b++) m[a][b] = m[b][a];
        }
    }

    /** θ·x̃ with x̃ = (x, 1). */
    static double margin(double[] theta, double[] x) {
        double s = theta[x.length];
        for (int j = 0; j < x.length; j++) s += theta[j] * x[j];
        return s;
    }
}

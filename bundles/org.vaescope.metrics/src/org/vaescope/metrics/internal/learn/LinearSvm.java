package org.vaescope.metrics.internal.learn;

/**
 * Linear support vector classifier with the squared hinge loss and an L2 penalty that, like
 * liblinear (sklearn {@code LinearSVC}, {@code intercept_scaling=1}), includes the intercept:
 * {@code min_w,b ½(‖w‖² + b²) + C Σ_i c_i max(0, 1 − s_i (w·x_i + b))²}, {@code s_i = ±1}.
 * Per-sample costs {@code c_i} follow liblinear's use of {@code class_weight="balanced"}
 * ({@code w_c = N / (K n_c)}): with two classes each sample costs its own class's weight; one-vs-rest
 * with more classes, the problem of class c weights its positives by {@code w_c} and its negatives
 * by 1 (liblinear's {@code train_one(..., weighted_C[c], C)}), the prediction being the class with
 * the largest decision value. Solved to convergence by
 * generalised Newton (liblinear stops at a tolerance; the optimum is the same).
 */
public final class LinearSvm {

    private final int[] classes;
    private final double[][] models;

    private LinearSvm(int[] classes, double[][] models) {
        this.classes = classes;
        this.models = models;
    }

    /**
     * Fits the classifier.
     *
     * @param x features, N × d
     * @param y class labels (at least two distinct values)
     * @param c regularisation constant C (> 0)
     * @param balanced whether to weight classes inversely to their frequency
     */
    public static LinearSvm fit(double[][] x, int[] y, double c, boolean balanced) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("need as many labels as rows, and at least one row: "
                    + x.length + " rows, " + y.length + " labels");
        }
        if (!(c > 0)) {
            throw new IllegalArgumentException("C must be > 0, got " + c);
        }
        Labels labels = Labels.of(y);
        int k = labels.numClasses();
        if (k < 2) {
            throw new IllegalArgumentException("an SVM needs at least two classes, got only class "
                    + labels.classes()[0]);
        }
        int[] counts = new int[k];
        for (int e : labels.encoded()) counts[e]++;
        double[] classWeight = new double[k];
        for (int e = 0; e < k; e++) classWeight[e] = balanced ? (double) y.length / (k * counts[e]) : 1.0;
        int numModels = k == 2 ? 1 : k;
        double[][] models = new double[numModels][];
        for (int m = 0; m < numModels; m++) {
            int positiveClass = k == 2 ? 1 : m;
            double[] sign = new double[y.length];
            double[] sampleCost = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                int label = labels.encoded()[i];
                sign[i] = label == positiveClass ? 1.0 : -1.0;
                sampleCost[i] = k == 2 || label == positiveClass ? classWeight[label] : 1.0;
            }
            models[m] = fitBinary(x, sign, sampleCost, c);
        }
        return new LinearSvm(labels.classes(), models);
    }

    private static double[] fitBinary(double[][] x, double[] sign, double[] cost, double c) {
        int d = x[0].length;
        NewtonSolver.Objective objective = new NewtonSolver.Objective() {
            @Override
            public double value(double[] theta) {
                double loss = 0.0;
                for (int i = 0; i < x.length; i++) {
                    double slack = 1 - sign[i] * NewtonSolver.margin(theta, x[i]);
                    if (slack > 0) loss += cost[i] * slack * slack;
                }
                double penalty = 0.0;
                for (double t : theta) penalty += t * t;
                return c * loss + 0.5 * penalty;
            }

            @Override
            public void gradientAndHessian(double[] theta, double[] gradient, double[][] hessian) {
                for (int i = 0; i < x.length; i++) {
                    double slack = 1 - sign[i] * NewtonSolver.margin(theta, x[i]);
                    if (slack > 0) {
                        double g = -2 * c * cost[i] * slack * sign[i];
                        for (int j = 0; j < d; j++) gradient[j] += g * x[i][j];
                        gradient[d] += g;
                        NewtonSolver.addOuter(hessian, x[i], 2 * c * cost[i]);
                    }
                }
                NewtonSolver.symmetrise(hessian);
                for (int j = 0; j <= d; j++) {
                    gradient[j] += theta[j];
                    hessian[j][j] += 1.0;
                }
            }
        };
        return NewtonSolver.minimise(objective, d + 1);
    }

    /** Decision values, N × number of binary models. */
    public double[][] decisionFunction(double[][] x) {
        double[][] out = new double[x.length][models.length];
        for (int i = 0; i < x.length; i++) {
            for (int m = 0; m < models.length; m++) out[i][m] = NewtonSolver.margin(models[m], x[i]);
        }
        return out;
    }

    /** Predicted class per row. */
    public int[] predict(double[][] x) {
        double[][] decision = decisionFunction(x);
        int[] predicted = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            if (classes.length == 2) {
                predicted[i] = decision[i][0] > 0 ? classes[1] : classes[0];
            } else {
                predicted[i] = classes[Stats.argmax(decision[i])];
            }
        }
        return predicted;
    }

    /** Fraction of rows classified correctly. */
    public double accuracy(double[][] x, int[] y) {
        return Stats.accuracy(predict(x), y);
    }
}

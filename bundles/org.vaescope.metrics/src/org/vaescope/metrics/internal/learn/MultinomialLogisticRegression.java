package org.vaescope.metrics.internal.learn;

/**
 * L2-regularised multinomial (softmax) logistic regression with unpenalised intercepts, fitted to
 * convergence by Newton's method: what scikit-learn's {@code LogisticRegression(C)} fits for more than
 * two classes since version 0.22 ({@code multi_class="auto"}, lbfgs). Objective:
 * {@code min_W,b  C Σ_i [log Σ_k exp(s_ik) − s_i,y_i] + ½‖W‖²}, {@code s_ik = W_k·x_i + b_k}. The
 * intercepts are defined only up to a common shift, so the last one is held at 0. Two classes are
 * fitted as one binary model, as scikit-learn does.
 */
public final class MultinomialLogisticRegression {

    private final int[] classes;
    private final double[][] weights; // per class: W_k then b_k
    private final LogisticRegression binary;

    private MultinomialLogisticRegression(int[] classes, double[][] weights, LogisticRegression binary) {
        this.classes = classes;
        this.weights = weights;
        this.binary = binary;
    }

    /**
     * Fits the model.
     *
     * @param x features, N × d
     * @param y integer class labels (at least two distinct values)
     * @param c inverse regularisation strength (> 0)
     */
    public static MultinomialLogisticRegression fit(double[][] x, int[] y, double c) {
        LogisticRegression.requireFittable(x, y, c);
        Labels labels = Labels.of(y);
        if (labels.numClasses() <= 2) {
            return new MultinomialLogisticRegression(labels.classes(), null, LogisticRegression.fit(x, y, c));
        }
        Softmax objective = new Softmax(x, labels.encoded(), labels.numClasses(), c);
        double[] theta = NewtonSolver.minimise(objective, objective.dimension());
        return new MultinomialLogisticRegression(labels.classes(), objective.weights(theta), null);
    }

    /** Most probable class per row (first class on ties). */
    public int[] predict(double[][] x) {
        if (binary != null) {
            return binary.predict(x);
        }
        int[] predicted = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] scores = new double[weights.length];
            for (int k = 0; k < weights.length; k++) scores[k] = NewtonSolver.margin(weights[k], x[i]);
            predicted[i] = classes[Stats.argmax(scores)];
        }
        return predicted;
    }

    /** Fraction of rows classified correctly. */
    public double accuracy(double[][] x, int[] y) {
        return Stats.accuracy(predict(x), y);
    }

    /** The softmax objective over θ = (W_0 … W_{K−1}, b_0 … b_{K−2}). */
    private static final class Softmax implements NewtonSolver.Objective {
        private final double[][] x;
        private final int[] y;
        private final int classes;
        private final int features;
        private final double c;

        Softmax(double[][] x, int[] y, int classes, double c) {
            this.x = x;
            this.y = y;
            this.classes = classes;
            this.features = x[0].length;
            this.c = c;
        }

        int dimension() {
            return classes * features + classes - 1;
        }

        /** Per class its weights followed by its intercept (the last class's is 0). */
        double[][] weights(double[] theta) {
            double[][] weights = new double[classes][features + 1];
            for (int k = 0; k < classes; k++) {
                System.arraycopy(theta, k * features, weights[k], 0, features);
                weights[k][features] = intercept(theta, k);
            }
            return weights;
        }

        private double intercept(double[] theta, int k) {
            return k < classes - 1 ? theta[classes * features + k] : 0.0;
        }

        private double[] probabilities(double[] theta, double[] row) {
            double[] p = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double s = intercept(theta, k);
                for (int j = 0; j < features; j++) s += theta[k * features + j] * row[j];
                p[k] = s;
                max = Math.max(max, s);
            }
            double sum = 0.0;
            for (int k = 0; k < classes; k++) {
                p[k] = Math.exp(p[k] - max);
                sum += p[k];
            }
            for (int k = 0; k < classes; k++) p[k] /= sum;
            return p;
        }

        @Override
        public double value(double[] theta) {
            double loss = 0.0;
            for (int i = 0; i < x.length; i++) {
                loss -= Math.log(Math.max(probabilities(theta, x[i])[y[i]], Double.MIN_NORMAL));
            }
            double penalty = 0.0;
            for (int j = 0; j < classes * features; j++) penalty += theta[j] * theta[j];
            return c * loss + 0.5 * penalty;
        }

        @Override
        public void gradientAndHessian(double[] theta, double[] gradient, double[][] hessian) {
            for (int i = 0; i < x.length; i++) {
                double[] p = probabilities(theta, x[i]);
                for (int k = 0; k < classes; k++) {
                    double residual = c * (p[k] - (y[i] == k ? 1.0 : 0.0));
                    int[] rows = indices(k);
                    for (int a = 0; a < rows.length; a++) gradient[rows[a]] += residual * feature(i, a);
                    for (int l = 0; l < classes; l++) {
                        double curvature = c * p[k] * ((k == l ? 1.0 : 0.0) - p[l]);
                        int[] columns = indices(l);
                        for (int a = 0; a < rows.length; a++) {
                            double va = curvature * feature(i, a);
                            for (int b = 0; b < columns.length; b++) hessian[rows[a]][columns[b]] += va * feature(i, b);
                        }
                    }
                }
            }
            for (int j = 0; j < classes * features; j++) {
                gradient[j] += theta[j];
                hessian[j][j] += 1.0;
            }
        }

        /** Where class k's weights and (if free) intercept sit in θ. */
        private int[] indices(int k) {
            int[] indices = new int[k < classes - 1 ? features + 1 : features];
            for (int j = 0; j < features; j++) indices[j] = k * features + j;
            if (k < classes - 1) indices[features] = classes * features + k;
            return indices;
        }

        /** x̃_i: the row's features, then 1 for the intercept. */
        private double feature(int i, int a) {
            return a < features ? x[i][a] : 1.0;
        }
    }
}

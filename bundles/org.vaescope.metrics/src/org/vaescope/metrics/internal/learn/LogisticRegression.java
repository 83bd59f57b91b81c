package org.vaescope.metrics.internal.learn;

/**
 * L2-regularised logistic regression with an unpenalised intercept, one-vs-rest for more than
 * two classes, fitted to convergence by Newton's method. Objective per binary problem (as
 * sklearn {@code LogisticRegression(C)}):
 * {@code min_w,b  C Σ_i log(1 + exp(-s_i (w·x_i + b))) + ½‖w‖²}, {@code s_i = ±1}.
 * One-vs-rest probabilities are the per-class sigmoids normalised to sum 1 (sklearn's OvR
 * convention); for two classes a single model is fitted.
 */
public final class LogisticRegression {

    /** sklearn's default inverse regularisation strength. */
    public static final double DEFAULT_C = 1.0;

    private final int[] classes;
    private final double[][] models; // one (w, b) per class, or a single one for two classes

    private LogisticRegression(int[] classes, double[][] models) {
        this.classes = classes;
        this.models = models;
    }

    /**
     * Fits the model.
     *
     * @param x features, N × d
     * @param y integer class labels (at least two distinct values)
     * @param c inverse regularisation strength (> 0)
     */
    public static LogisticRegression fit(double[][] x, int[] y, double c) {
        requireFittable(x, y, c);
        Labels labels = Labels.of(y);
        int k = labels.numClasses();
        if (k < 2) {
            throw new IllegalArgumentException("logistic regression needs at least two classes, got only class "
                    + labels.classes()[0]);
        }
        int numModels = k == 2 ? 1 : k;
        double[][] models = new double[numModels][];
        for (int m = 0; m < numModels; m++) {
            int positiveClass = k == 2 ? 1 : m;
            boolean[] positive = new boolean[y.length];
            for (int i = 0; i < y.length; i++) positive[i] = labels.encoded()[i] == positiveClass;
            models[m] = fitBinary(x, positive, c);
        }
        return new LogisticRegression(labels.classes(), models);
    }

    /** The checks every logistic regression makes of its training data and C. */
    static void requireFittable(double[][] x, int[] y, double c) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("need as many labels as rows, and at least one row: "
                    + x.length + " rows, " + y.length + " labels");
        }
        if (!(c > 0)) {
            throw new IllegalArgumentException("C must be > 0, got " + c);
        }
    }

    private static double[] fitBinary(double[][] x, boolean[] positive, double c) {
        int d = x[0].length;
        NewtonSolver.Objective objective = new NewtonSolver.Objective() {
            @Override
            public double value(double[] theta) {
                double loss = 0.0;
                for (int i = 0; i < x.length; i++) {
                    double m = NewtonSolver.margin(theta, x[i]);
                    loss += logOnePlusExp(positive[i] ? -m : m);
                }
                double penalty = 0.0;
                for (int j = 0; j < d; j++) penalty += theta[j] * theta[j];
                return c * loss + 0.5 * penalty;
            }

            @Override
            public void gradientAndHessian(double[] theta, double[] gradient, double[][] hessian) {
                for (int i = 0; i < x.length; i++) {
                    double p = sigmoid(NewtonSolver.margin(theta, x[i]));
                    double residual = c * (p - (positive[i] ? 1.0 : 0.0));
                    for (int j = 0; j < d; j++) gradient[j] += residual * x[i][j];
                    gradient[d] += residual;
                    NewtonSolver.addOuter(hessian, x[i], c * p * (1 - p));
                }
                NewtonSolver.symmetrise(hessian);
                for (int j = 0; j < d; j++) {
                    gradient[j] += theta[j];
                    hessian[j][j] += 1.0;
                }
            }
        };
        return NewtonSolver.minimise(objective, d + 1);
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    private static double logOnePlusExp(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** The distinct training labels, ascending; columns of {@link #predictProba}. */
    public int[] classes() {
        return classes.clone();
    }

    /** Class probabilities, N × number of classes (columns ordered as {@link #classes()}). */
    public double[][] predictProba(double[][] x) {
        double[][] proba = new double[x.length][classes.length];
        for (int i = 0; i < x.length; i++) {
            if (classes.length == 2) {
                double p = sigmoid(NewtonSolver.margin(models[0], x[i]));
                proba[i][0] = 1 - p;
                proba[i][1] = p;
            } else {
                double sum = 0.0;
                for (int m = 0; m < models.length; m++) {
                    proba[i][m] = sigmoid(NewtonSolver.margin(models[m], x[i]));
                    sum += proba[i][m];
                }
                for (int m = 0; m < models.length; m++) proba[i][m] /= sum;
            }
        }
        return proba;
    }

    /** Most probable class per row (first class on ties). */
    public int[] predict(double[][] x) {
        double[][] proba = predictProba(x);
        int[] predicted = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            predicted[i] = classes[Stats.argmax(proba[i])];
        }
        return predicted;
    }

    /** Fraction of rows classified correctly. */
    public double accuracy(double[][] x, int[] y) {
        return Stats.accuracy(predict(x), y);
    }
}

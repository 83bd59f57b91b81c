package org.vaescope.metrics.internal.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LearnersTest {

    /** Three well separated 2-D clusters at the corners of a triangle, labels 5, 7, 9. */
    private static double[][] clusters(int perClass, int[] labels, SplittableRandom rng) {
        double[][] centres = {{0, 0}, {4, 0}, {2, 4}};
        double[][] x = new double[3 * perClass][];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < perClass; i++) {
                int row = c * perClass + i;
                x[row] = new double[] {centres[c][0] + 0.3 * rng.nextGaussian(), centres[c][1] + 0.3 * rng.nextGaussian()};
                labels[row] = 5 + 2 * c;
            }
        }
        return x;
    }

    @Test
    void logisticRegressionFitsSeparableDataPerfectly() {
        int[] y = new int[300];
        double[][] x = clusters(100, y, new SplittableRandom(1));
        LogisticRegression model = LogisticRegression.fit(x, y, 1.0);
        assertEquals(1.0, model.accuracy(x, y));
        assertArrayEquals(new int[] {5, 7, 9}, model.classes());
        double[][] proba = model.predictProba(new double[][] {{4, 0}});
        assertEquals(1.0, proba[0][0] + proba[0][1] + proba[0][2], 1e-12);
        assertTrue(proba[0][1] > 0.8, "the cluster's own class dominates: " + proba[0][1]);
    }

    @Test
    void logisticRegressionBinaryThresholdIsWhereTheClassesMeet() {
        double[][] x = new double[200][];
        int[] y = new int[200];
        for (int i = 0; i < 200; i++) {
            x[i] = new double[] {i < 100 ? -1 - i * 0.01 : 1 + (i - 100) * 0.01};
            y[i] = i < 100 ? 0 : 1;
        }
        LogisticRegression model = LogisticRegression.fit(x, y, 1.0);
        assertEquals(1.0, model.accuracy(x, y));
        // symmetric data: P(1 | x = 0) = 1/2
        assertEquals(0.5, model.predictProba(new double[][] {{0}})[0][1], 1e-6);
    }

    @Test
    void multinomialLogisticRegressionFitsSeparableDataAndIsSymmetricInItsClasses() {
        int[] y = new int[300];
        double[][] x = clusters(100, y, new SplittableRandom(1));
        MultinomialLogisticRegression model = MultinomialLogisticRegression.fit(x, y, 1.0);
        assertEquals(1.0, model.accuracy(x, y));
        assertArrayEquals(new int[] {5, 7, 9}, model.predict(new double[][] {{0, 0}, {4, 0}, {2, 4}}));
        // relabelling reverses the classes' order, so another class's intercept is held at 0; the
        // intercepts are defined only up to a common shift, so no decision may change
        int[] relabelled = new int[y.length];
        for (int i = 0; i < y.length; i++) relabelled[i] = 14 - y[i];
        MultinomialLogisticRegression mirrored = MultinomialLogisticRegression.fit(x, relabelled, 1.0);
        double[][] probe = {{1, 1}, {3, 1}, {2, 2}, {0.5, 3}, {3.5, 3}};
        int[] original = model.predict(probe);
        int[] other = mirrored.predict(probe);
        for (int i = 0; i < probe.length; i++) assertEquals(14 - original[i], other[i], "probe " + i);
    }

    @Test
    void linearSvmFitsSeparableDataPerfectly() {
        int[] y = new int[300];
        double[][] x = clusters(100, y, new SplittableRandom(2));
        assertEquals(1.0, LinearSvm.fit(x, y, 0.01, true).accuracy(x, y));
        assertEquals(1.0, LinearSvm.fit(x, y, 1.0, false).accuracy(x, y));
    }

    @Test
    void linearSvmOnOneFeatureMatchesTheHandSolution() {
        // points ±1 with 50 copies each, C large: the optimum of ½(w² + b²) + C Σ(1 − s(wx + b))²₊
        // is b = 0 by symmetry and w → 1 (the margin constraint); with C = 100 and 100 points
        // w = 2C·100 / (1 + 2C·100) = 20000 / 20001
        double[][] x = new double[100][];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            x[i] = new double[] {i < 50 ? -1 : 1};
            y[i] = i < 50 ? 0 : 1;
        }
        LinearSvm svm = LinearSvm.fit(x, y, 100, false);
        double[][] decision = svm.decisionFunction(new double[][] {{1}, {0}});
        assertEquals(20000.0 / 20001.0, decision[0][0], 1e-9);
        assertEquals(0.0, decision[1][0], 1e-9);
    }

    @Test
    void boostedTreesFitXorPerfectlyAndIgnoreTheNoiseFeature() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 400;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            // a margin of 0.4 around 0 makes the XOR separable by axis-aligned splits
            double a = (rng.nextBoolean() ? 1 : -1) * (0.2 + 0.8 * rng.nextDouble());
            double b = (rng.nextBoolean() ? 1 : -1) * (0.2 + 0.8 * rng.nextDouble());
            x[i] = new double[] {a, rng.nextGaussian(), b};
            y[i] = (a > 0) == (b > 0) ? 1 : 0;
        }
        GradientBoostedTrees model = GradientBoostedTrees.fit(x, y, new GradientBoostedTrees.Params(50, 0.3, 2, 64), 0);
        assertEquals(1.0, model.accuracy(x, y));
        assertEquals(1.0, Stats.accuracy(model.trainingPredictions(), y));
        double[] importance = model.featureImportances();
        assertEquals(1.0, importance[0] + importance[1] + importance[2], 1e-12);
        assertTrue(importance[1] < 0.1, "noise feature importance " + importance[1]);
        assertTrue(importance[0] > 0.3 && importance[2] > 0.3, "both XOR inputs matter");
    }

    @Test
    void boostedTreesSeparateManyClassesAndAreDeterministic() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 600;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(6);
            x[i] = new double[] {rng.nextGaussian(), y[i] + 0.1 * rng.nextGaussian()};
        }
        GradientBoostedTrees.Params params = new GradientBoostedTrees.Params(20, 0.1, 3, 32);
        GradientBoostedTrees a = GradientBoostedTrees.fit(x, y, params, 5);
        GradientBoostedTrees b = GradientBoostedTrees.fit(x, y, params, 5);
        assertEquals(1.0, a.accuracy(x, y));
        assertTrue(a.featureImportances()[1] > 0.99, "the informative feature carries the importance");
        assertArrayEquals(a.featureImportances(), b.featureImportances());
        assertArrayEquals(a.predict(x), b.predict(x));
    }

    /**
     * Two identical columns tie at every split. sklearn tries the features of each node in a random
     * order and keeps the first best, so the importance is shared; taking the lowest index would
     * give it all to the first column (that bias lowered DCI disentanglement by 0.016 on the
     * golden identity case, where small nodes are split equally well by several noise codes).
     */
    @Test
    void boostedTreesShareTheImportanceOfTiedFeatures() {
        SplittableRandom rng = new SplittableRandom(6);
        int n = 500;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(4);
            double code = y[i] + 0.8 * rng.nextGaussian();
            x[i] = new double[] {code, code};
        }
        double[] importance = GradientBoostedTrees.fit(x, y, GradientBoostedTrees.Params.exact(), 1).featureImportances();
        assertTrue(importance[0] > 0.3 && importance[1] > 0.3, java.util.Arrays.toString(importance));
    }

    @Test
    void candidateThresholdsSplitBetweenClustersEvenWithFewWindows() {
        // 3 tight clusters of 100 points around 0, 10, 20; only 4 windows
        double[] column = new double[300];
        for (int i = 0; i < 300; i++) column[i] = (i / 100) * 10 + (i % 100) * 1e-3;
        double[] thresholds = GradientBoostedTrees.candidateThresholds(column, 4);
        boolean splitsFirstGap = false;
        boolean splitsSecondGap = false;
        for (double t : thresholds) {
            splitsFirstGap |= t > 0.1 && t < 10;
            splitsSecondGap |= t > 10.1 && t < 20;
        }
        assertTrue(splitsFirstGap && splitsSecondGap, java.util.Arrays.toString(thresholds));
    }

    @Test
    void learnersRejectASingleClass() {
        double[][] x = {{0}, {1}};
        int[] y = {3, 3};
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(x, y, 1));
        assertThrows(IllegalArgumentException.class, () -> LinearSvm.fit(x, y, 1, true));
        assertThrows(IllegalArgumentException.class, () -> GradientBoostedTrees.fit(x, y, GradientBoostedTrees.Params.defaults(), 0));
    }
}

package org.vaescope.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.vaescope.core.data.FactorGraph;

class FactorGraphAnalysisTest {

    private static final List<String> FACTORS = List.of("size", "brightness", "posX", "posY");

    private static FactorGraph.Edge edge(String cause, String effect) {
        return new FactorGraph.Edge(cause, effect);
    }

    /** The planted truth size → brightness, posX → posY. */
    private static final FactorGraph TRUTH = new FactorGraph(FACTORS,
            List.of(edge("size", "brightness"), edge("posX", "posY")));

    private static final double[][] PLANTED = {
            {0.9, 0.35, 0.02, 0.0},
            {0.05, 0.8, 0.0, 0.03},
            {0.0, 0.01, 0.95, 0.4},
            {0.02, 0.0, 0.06, 0.9},
    };

    @Test
    void plantedMatrixRecoversThePlantedGraph() {
        FactorEffectMatrix m = FactorEffectMatrix.of(FACTORS, PLANTED, 100, 5L);
        FactorGraph implied = FactorGraphAnalysis.impliedGraph(m, 0.1);
        assertEquals(List.of(edge("size", "brightness"), edge("posX", "posY")), implied.edges());
        FactorGraphComparison c = FactorGraphAnalysis.compare(m, TRUTH, AnalysisSettings.defaults(),
                BootstrapSettings.defaults(1));
        assertEquals(1.0, c.precision().value());
        assertEquals(1.0, c.recall().value());
        assertEquals(1.0, c.f1().value());
        assertEquals(2, c.truePositives().size());
        assertTrue(c.falsePositives().isEmpty() && c.missed().isEmpty());
        assertEquals(100, c.precision().sampleCount());
        assertEquals(5L, c.precision().seed());
    }

    @Test
    void oneSpuriousAndOneMissingEdgeGiveTheHandComputedScores() {
        // truth: size→brightness, posX→posY, size→posY; implied: size→brightness, posX→posY, brightness→posX
        FactorGraph truth = new FactorGraph(FACTORS,
                List.of(edge("size", "brightness"), edge("posX", "posY"), edge("size", "posY")));
        double[][] m = PLANTED.clone();
        m[1] = new double[] {0.05, 0.8, 0.3, 0.03};
        FactorGraphComparison c = FactorGraphAnalysis.compare(FactorEffectMatrix.of(FACTORS, m, 50, 2L), truth,
                AnalysisSettings.defaults(), BootstrapSettings.none());
        // TP = 2, FP = 1, FN = 1: precision = recall = 2/3, F1 = 4 / 6
        assertEquals(2.0 / 3.0, c.precision().value(), 1e-15);
        assertEquals(2.0 / 3.0, c.recall().value(), 1e-15);
        assertEquals(2.0 / 3.0, c.f1().value(), 1e-15);
        assertEquals(List.of(edge("brightness", "posX")), c.falsePositives());
        assertEquals(List.of(edge("size", "posY")), c.missed());
    }

    @Test
    void asymmetricCountsSeparatePrecisionFromRecall() {
        // implied: size→brightness only; truth: two edges → precision 1, recall 1/2, F1 = 2/3
        FactorGraph implied = new FactorGraph(FACTORS, List.of(edge("size", "brightness")));
        FactorGraphAnalysis.EdgeCounts counts = FactorGraphAnalysis.countEdges(implied, TRUTH);
        assertEquals(1.0, counts.precision());
        assertEquals(0.5, counts.recall());
        assertEquals(2.0 / 3.0, counts.f1(), 1e-15);
        FactorGraph empty = new FactorGraph(FACTORS, List.of());
        assertTrue(Double.isNaN(FactorGraphAnalysis.countEdges(empty, TRUTH).precision()));
        assertTrue(Double.isNaN(FactorGraphAnalysis.countEdges(empty, empty).f1()));
    }

    @Test
    void thresholdIsStrictAndTheDiagonalIsIgnored() {
        double[][] m = {{5.0, 0.1}, {0.1000001, 5.0}};
        FactorGraph implied = FactorGraphAnalysis.impliedGraph(FactorEffectMatrix.of(List.of("a", "b"), m, 1, 0L), 0.1);
        assertEquals(List.of(edge("b", "a")), implied.edges());
    }

    /**
     * a → b has mean 0.12 over ten inputs in both matrices. Spread ±0.1 (s = 0.10541, t(9) = 2.26216)
     * puts the lower end of its 95 % interval at 0.12 − 0.07541 = 0.04459, below the threshold 0.1:
     * within noise of it, no edge. Spread ±0.001 clears it.
     */
    @Test
    void anEdgeNeedsTheLowerEndOfItsIntervalAboveTheThreshold() {
        FactorEffectMatrix noisy = twoFactorsWithAToB(0.12, 0.1);
        FactorEffectMatrix tight = twoFactorsWithAToB(0.12, 0.001);

        assertEquals(0.12, noisy.effect(0, 1), 1e-12);
        assertEquals(0.044595, noisy.lowerBounds(0.95)[0][1], 1e-6);
        assertEquals(List.of(), FactorGraphAnalysis.impliedGraph(noisy, 0.1).edges());
        assertEquals(List.of(edge("a", "b")), FactorGraphAnalysis.impliedGraph(tight, 0.1).edges());
        assertEquals(0.12, FactorEffectMatrix.of(List.of("a", "b"), noisy.effect(), 10, 0L).lowerBounds(0.95)[0][1],
                "without per-input terms the value is its own bound");
    }

    @Test
    void aResampleKeepsItsDrawnInputsSoItsEdgesFollowTheSameRule() {
        FactorEffectMatrix noisy = twoFactorsWithAToB(0.12, 0.1);
        FactorEffectMatrix replicate = noisy.resample(new SplittableRandom(4));

        assertTrue(replicate.hasSamples());
        assertEquals(10, replicate.perSample().length);
        double mean = Arrays.stream(replicate.perSample()).mapToDouble(term -> term[0][1]).average()
                .orElseThrow();
        assertEquals(mean, replicate.effect(0, 1), 1e-12);
        assertTrue(replicate.lowerBounds(0.95)[0][1] < replicate.effect(0, 1));
    }

    private static FactorEffectMatrix twoFactorsWithAToB(double mean, double spread) {
        double[][][] terms = new double[10][][];
        for (int x = 0; x < terms.length; x++) {
            double aToB = mean + (x % 2 == 0 ? spread : -spread);
            terms[x] = new double[][] {{0.8, aToB}, {0.0, 0.8}};
        }
        return FactorEffectMatrix.fromSamples(List.of("a", "b"), terms, 3L);
    }

    @Test
    void mismatchedFactorNamesAreRejected() {
        FactorGraph other = new FactorGraph(List.of("size", "brightness"), List.of());
        FactorEffectMatrix m = FactorEffectMatrix.of(FACTORS, PLANTED, 10, 0L);
        AnalysisInputException e = assertThrows(AnalysisInputException.class,
                () -> FactorGraphAnalysis.compare(m, other, AnalysisSettings.defaults(), BootstrapSettings.none()));
        assertTrue(e.getMessage().contains("same factors"), e.getMessage());
    }

    @Test
    void perSampleTermsGiveIntervalsThatContainTheEstimate() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 60;
        double[][][] terms = new double[n][4][4];
        for (int x = 0; x < n; x++) {
            for (int k = 0; k < 4; k++) {
                for (int l = 0; l < 4; l++) {
                    terms[x][k][l] = Math.max(0, PLANTED[k][l] + 0.05 * (random.nextDouble() - 0.5));
                }
            }
        }
        FactorEffectMatrix m = FactorEffectMatrix.fromSamples(FACTORS, terms, 11L);
        FactorGraphComparison c = FactorGraphAnalysis.compare(m, TRUTH, AnalysisSettings.defaults(),
                BootstrapSettings.defaults(21));
        assertEquals(1.0, c.recall().value());
        assertTrue(c.recall().intervalContains(1.0));
        assertEquals(200, c.recall().bootstrapReplicates());
        assertEquals(n, c.recall().sampleCount());
    }

    /**
     * a and b share latent 0: the measured M keeps their effects on each other (the entangled case is
     * shown, not hidden as 0), and the evidence the implied graph reads sets the pair aside.
     */
    @Test
    void factorPairsSharingACarrierLatentKeepTheirMeasuredEffectButAreNoEvidenceOfAnEdge() {
        double[][] sample = {{0.9, 0.5, 0.3}, {0.4, 0.8, 0.0}, {0.2, 0.1, 0.7}};
        FactorEffectMatrix m = FactorEffectMatrix.measured(List.of("a", "b", "c"), new double[][][] {sample, sample},
                new int[][] {{0}, {0}, {1}}, 1);

        assertArrayEquals(sample, m.effect());
        assertTrue(m.sharedCarrier(0, 1) && m.sharedCarrier(1, 0) && !m.sharedCarrier(0, 2));
        boolean[][] confounded = {{false, true, false}, {true, false, false}, {false, false, false}};
        double[][] noCrosstalk = new double[3][3];
        FactorEffectMatrix evidence = ImpliedEffectEvidence.evidence(m, confounded, new boolean[3], new boolean[3],
                noCrosstalk);
        assertArrayEquals(new double[][] {{0.9, 0.0, 0.3}, {0.0, 0.8, 0.0}, {0.2, 0.1, 0.7}}, evidence.effect());
        assertTrue(FactorGraphAnalysis.impliedGraph(evidence, 0.35).edges().isEmpty());
        assertArrayEquals(new int[][] {{0}, {0}, {1}}, m.resample(new SplittableRandom(3)).carriers());
    }
}

package org.vaescope.metrics.internal.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StatsAndJsonTest {

    @Test
    void rocAucOfTheSklearnDocumentationExample() {
        // sklearn roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        double auc = Stats.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
        assertEquals(0.75, auc, 1e-12);
        assertEquals(0.5, Stats.rocAuc(new double[] {1, 1}, new boolean[] {true, false}), 1e-12);
        assertEquals(Double.NaN, Stats.rocAuc(new double[] {1, 2}, new boolean[] {true, true}));
    }

    @Test
    void percentileInterpolatesLinearlyLikeNumpy() {
        double[] x = {4, 1, 3, 2};
        assertEquals(2.5, Stats.percentile(x, 50), 1e-12);
        assertEquals(1 + 0.99 * 3, Stats.percentile(x, 99), 1e-12);
        assertEquals(4, Stats.percentile(x, 100), 1e-12);
    }

    @Test
    void varianceUsesDeltaDegreesOfFreedom() {
        double[] x = {1, 2, 3, 4};
        assertEquals(1.25, Stats.variance(x, 0), 1e-12);
        assertEquals(5.0 / 3, Stats.variance(x, 1), 1e-12);
    }

    @Test
    void jsonWritesNestedValuesAndEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a\"b\n");
        m.put("x", 1.5);
        m.put("n", 3);
        m.put("nan", Double.NaN);
        m.put("matrix", new double[][] {{1, 2}, {3, 0.25}});
        m.put("ints", new int[] {1, 2});
        m.put("list", List.of(true, "s"));
        assertEquals("{\"name\":\"a\\\"b\\n\",\"x\":1.5,\"n\":3,\"nan\":null,\"matrix\":[[1.0,2.0],[3.0,0.25]],"
                + "\"ints\":[1,2],\"list\":[true,\"s\"]}", Json.write(m));
    }
}

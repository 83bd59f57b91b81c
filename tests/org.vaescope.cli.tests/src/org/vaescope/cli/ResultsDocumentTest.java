package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaescope.core.analysis.Estimate;
import org.vaescope.core.pipeline.Reproduction;
import org.vaescope.core.vae.Variant;

class ResultsDocumentTest {

    /**
     * Three factors, six off-diagonal entries: a -> b confounded, c unreadable (so a -> c and b -> c
     * are set aside, a -> c even though it is also confounded), three tested.
     */
    @Test
    void theNegativeControlCountsTestedAndSetAsideEntries() {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        for (String factor : List.of("a", "b", "c")) {
            accuracy.put(factor, 0.5);
        }
        Estimate none = Estimate.withoutInterval(0, 1, 1);
        Reproduction.Run run = new Reproduction.Run("dsprites", Variant.BETA_VAE, 1, 0.2, 0.2, none, none, none, 0, 0,
                0, 3, Map.of(), Map.of(), List.of(), List.of(), null, null, accuracy, accuracy, accuracy,
                List.of("a -> b", "a -> c"), List.of("c"), 1);

        assertArrayEquals(new int[] {3, 1, 2}, ResultsDocument.setAside(run));
    }
}

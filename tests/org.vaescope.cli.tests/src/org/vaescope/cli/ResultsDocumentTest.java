package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaescope.core.analysis.Estimate;
import org.vaescope.core.pipeline.Reproduction;
import org.vaescope.core.vae.Variant;

class ResultsDocumentTest {

    /**
     * Four factors, twelve off-diagonal entries: d unreadable (a -> d, b -> d, c -> d set aside, a -> d
     * even though it is also confounded), a -> b confounded, c without an intervention of its own
     * (c -> a, c -> b; c -> d counts as unreadable), the other six tested.
     */
    @Test
    void theNegativeControlCountsTestedAndSetAsideEntries() {
        Map<String, Double> accuracy = new LinkedHashMap<>();
        for (String factor : List.of("a", "b", "c", "d")) {
            accuracy.put(factor, 0.5);
        }
        Estimate none = Estimate.withoutInterval(0, 1, 1);
        Reproduction.Run run = new Reproduction.Run("dsprites", Variant.BETA_VAE, 1, 0.2, 0.2, none, none, none, 0, 0,
                0, 3, Map.of(), Map.of(), List.of(), List.of(), null, null, accuracy, accuracy, accuracy,
                List.of("a -> b", "a -> d"), List.of("d"), List.of("c"), Map.of(), Map.of(), 0.01, 1);

        assertArrayEquals(new int[] {6, 3, 1, 2}, ResultsDocument.setAside(run));
    }

    @Test
    void rewritingKeepsTheHandWrittenPartAndOnlyIt() {
        String previous = "# old table\n\n" + ResultsDocument.HAND_WRITTEN + "\n## Reading\n\nby hand\n";

        assertEquals("# new table\n\n" + ResultsDocument.HAND_WRITTEN + "\n## Reading\n\nby hand\n",
                ResultsDocument.keepingHandWritten("# new table\n", previous));
        assertEquals("# new table\n", ResultsDocument.keepingHandWritten("# new table\n", "# old table\n"));
        assertEquals("# new table\n", ResultsDocument.keepingHandWritten("# new table\n", null));
    }

    @Test
    void aCurveHasSettledWhenMigMovedLessThanThreeHundredthsOverItsLastTwoThousandSteps() {
        List<Reproduction.CurvePoint> rising = List.of(new Reproduction.CurvePoint(4000, 0.25),
                new Reproduction.CurvePoint(6000, 0.29), new Reproduction.CurvePoint(8000, 0.33));
        List<Reproduction.CurvePoint> flat = List.of(new Reproduction.CurvePoint(6000, 0.33),
                new Reproduction.CurvePoint(8000, 0.31));

        assertEquals("no (+0.040)", ResultsDocument.settled(rising));
        assertEquals("yes (-0.020)", ResultsDocument.settled(flat));
        assertEquals("too short to tell", ResultsDocument.settled(flat.subList(1, 2)));
    }
}

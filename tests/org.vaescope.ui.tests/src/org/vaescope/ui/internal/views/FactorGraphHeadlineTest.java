package org.vaescope.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaescope.core.analysis.ImpliedEffectEvidence.Entry;
import org.vaescope.ui.internal.analysis.Analysis;

/** The Factor Graph view says how many factor pairs its graph rests on, so a vacuous empty graph is not read as a pass. */
class FactorGraphHeadlineTest {

    @Test
    void anEmptyGraphSaysHowManyPairsWereTestedAndWhyTheOthersWereSetAside() {
        List<Analysis.FactorPair> pairs = List.of(pair(Entry.TESTED), pair(Entry.TESTED), pair(Entry.CONFOUNDED),
                pair(Entry.CONFOUNDED), pair(Entry.EFFECT_UNREADABLE), pair(Entry.CAUSE_WITHOUT_OWN_INTERVENTION));

        assertEquals("0 implied edges; the dataset has no true factor graph.\n2 of 6 factor pairs tested; set aside: "
                + "1 effect unreadable, 2 confounded, 1 cause without an intervention of its own. Analysis editor, "
                + "Factors page: every pair.", FactorGraphView.headline(graphs(pairs)));
    }

    @Test
    void aGraphWithNoTestedPairSaysItSaysNothing() {
        assertEquals("\nNo factor pair could be tested (2 confounded): the empty graph says nothing about the model. "
                + "Analysis editor, Factors page: every pair.",
                FactorGraphView.pairsLine(List.of(pair(Entry.CONFOUNDED), pair(Entry.CONFOUNDED))));
        assertEquals("", FactorGraphView.pairsLine(List.of()), "a file from before the pairs were kept");
    }

    private static Analysis.FactorPair pair(Entry entry) {
        return new Analysis.FactorPair("a", "b", entry, false, 0.1, 0.05, 0.01);
    }

    private static Analysis.FactorGraphs graphs(List<Analysis.FactorPair> pairs) {
        return new Analysis.FactorGraphs(List.of("a", "b"), List.of(), null, null, null, pairs, Map.of());
    }
}

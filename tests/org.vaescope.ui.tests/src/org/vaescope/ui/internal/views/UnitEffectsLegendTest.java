package org.vaescope.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaescope.ui.internal.views.UnitEffectsView.Place;

class UnitEffectsLegendTest {

    private static final int[] CLASS_ITEMS = {110, 105, 50, 170};

    @Test
    void aWideViewKeepsEveryClassOnOneLine() {
        List<Place> places = UnitEffectsView.wrap(CLASS_ITEMS, 1000);
        assertEquals(List.of(new Place(4, 0), new Place(126, 0), new Place(243, 0), new Place(305, 0)), places);
    }

    @Test
    void aNarrowViewWrapsTheClassesSoNoLabelIsCutOff() {
        int width = 320;
        List<Place> places = UnitEffectsView.wrap(CLASS_ITEMS, width);
        assertEquals(new Place(4, 1), places.get(3), "the undecided label moves to a second line");
        for (int i = 0; i < CLASS_ITEMS.length; i++) {
            assertTrue(places.get(i).x() + CLASS_ITEMS[i] <= width - 4, "item " + i + " ends inside the view");
        }
    }

    @Test
    void anItemWiderThanTheViewStillGetsALineOfItsOwn() {
        List<Place> places = UnitEffectsView.wrap(new int[] {50, 400, 50}, 200);
        assertEquals(List.of(new Place(4, 0), new Place(4, 1), new Place(4, 2)), places);
    }
}

package org.vaescope.core.interventions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaescope.core.runtime.Floats;

/** Pair sets differ exactly where they should and render what their classes say. */
class PairsTest {

    static final TestNets.PixelFactors DATA = new TestNets.PixelFactors();

    @Test
    void differingInChangesOnlyThatFactor() {
        Pairs p = Pairs.differingIn(DATA, 1, 50, 4);
        int[][] base = p.baseClasses();
        int[][] changed = p.changedClasses();
        for (int i = 0; i < 50; i++) {
            assertEquals(base[i][0], changed[i][0]);
            assertNotEquals(base[i][1], changed[i][1]);
        }
        float[] images = Floats.of(p.changed(10, 12));
        assertEquals(changed[10][1], images[1], 0);
        assertEquals(changed[11][0], images[4], 0);
        assertArrayEquals(base[7], Pairs.differingIn(DATA, 1, 50, 4).baseClasses()[7], "same seed, same pairs");
    }

    @Test
    void factorChangeAndConditions() {
        Pairs change = Pairs.factorChange(DATA, 1, 0, 2, 5, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, change.baseClasses()[i][1]);
            assertEquals(2, change.changedClasses()[i][1]);
            assertEquals(change.baseClasses()[i][0], change.changedClasses()[i][0]);
        }
        Pairs cond = Pairs.conditioned(DATA, Map.of("a", 1), Map.of("a", 0, "b", 2), 5, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(1, cond.baseClasses()[i][0]);
            assertEquals(0, cond.changedClasses()[i][0]);
            assertEquals(2, cond.changedClasses()[i][1]);
        }
    }

    @Test
    void errorsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pairs.differingIn(DATA, 2, 5, 1));
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pairs.factorChange(DATA, 1, 0, 3, 5, 1));
        assertTrue(e.getMessage().contains("class 3") && e.getMessage().contains("'b'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pairs.conditioned(DATA, Map.of("c", 0), Map.of(), 5, 1));
        assertTrue(e.getMessage().contains("'c'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pairs.differingIn(DATA, 0, 5, 1).base(3, 9));
        assertTrue(e.getMessage().contains("3..9"), e.getMessage());
    }
}

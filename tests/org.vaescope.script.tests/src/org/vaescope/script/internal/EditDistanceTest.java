package org.vaescope.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void distanceCountsEditsAndSwaps() {
        assertEquals(0, EditDistance.distance("mig", "mig"));
        assertEquals(1, EditDistance.distance("mgi", "mig"));
        assertEquals(1, EditDistance.distance("shap", "shape"));
        assertEquals(3, EditDistance.distance("", "abc"));
        assertEquals(3, EditDistance.distance("kitten", "sitting"));
    }

    @Test
    void suggestionOnlyForCloseNames() {
        List<String> names = List.of("encoder.conv1", "encoder.conv2", "decoder.fc1");
        assertEquals(Optional.of("encoder.conv2"), EditDistance.suggest("encoder.cnv2", names));
        assertEquals(Optional.empty(), EditDistance.suggest("totally", names));
        assertEquals(Optional.of("posX"), EditDistance.suggest("posx", List.of("posX", "posY")));
    }
}

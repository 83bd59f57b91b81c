package org.vaescope.script;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaescope.script.ScriptEnvironment.DatasetInfo;
import org.vaescope.script.ScriptEnvironment.FactorInfo;
import org.vaescope.script.ScriptEnvironment.ModelInfo;

/** A fake environment with a small model, three factors and a few files. */
public final class TestEnvironments {

    private TestEnvironments() {
    }

    public static ModelInfo model() {
        Map<String, Integer> hooks = new LinkedHashMap<>();
        hooks.put("encoder.conv1", 32);
        hooks.put("encoder.conv2", 64);
        hooks.put("encoder.fc1", 256);
        hooks.put("decoder.fc1", 256);
        return new ModelInfo(10, hooks);
    }

    public static DatasetInfo dataset() {
        return new DatasetInfo(List.of(
                new FactorInfo("shape", 3, List.of("square", "ellipse", "heart"), List.of(1.0, 2.0, 3.0)),
                FactorInfo.ofValues("scale", 0.5, 0.6, 0.7, 0.8, 0.9, 1.0),
                new FactorInfo("posX", 4, List.of(), List.of())));
    }

    public static ScriptEnvironment full() {
        return ScriptEnvironment.builder()
                .model(model())
                .dataset(dataset())
                .files(() -> List.of("models/vae.vsm", "models/beta.vsm", "data/shapes.npz", "other.vis"))
                .build();
    }
}

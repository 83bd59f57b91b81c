package org.vaescope.core.internal.imports;

import java.util.List;
import org.vaescope.core.hooks.Parameter;
import org.vaescope.core.hooks.Stage;

/** A stage without trainable parameters (activations, shape operations, constants folded in). */
abstract class ParameterFreeStage implements Stage {

    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }
}

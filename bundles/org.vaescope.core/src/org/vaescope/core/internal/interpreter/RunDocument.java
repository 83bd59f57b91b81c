package org.vaescope.core.internal.interpreter;

import java.util.List;
import java.util.Map;

import org.vaescope.core.interpreter.run.StepResult;
import org.vaescope.core.interventions.ImageGrid;

/**
 * What a report shows: the run's settings, its models, the step results so far and the traversal
 * grids (by index of the step that made them).
 *
 * @param scriptName  the script's file name
 * @param datasetText the dataset as the script names it
 * @param seed        the run's seed
 * @param samples     the default sample count as used
 * @param quick       whether the run used quick settings
 * @param compare     whether the script has a {@code compare} block
 * @param models      the models, in script order
 * @param steps       the step results so far
 * @param stepImages  step index → the image grid the step made
 */
public record RunDocument(String scriptName, String datasetText, long seed, int samples, boolean quick,
        boolean compare, List<ModelSession> models, List<StepResult> steps, Map<Integer, ImageGrid> stepImages) {

    public RunDocument {
        models = List.copyOf(models);
        steps = List.copyOf(steps);
        stepImages = Map.copyOf(stepImages);
    }

    /** The comparison of the models' step numbers (meaningful with two or more models). */
    public ComparisonTable comparison() {
        return ComparisonTable.of(models.stream().map(ModelSession::name).toList(), steps);
    }
}

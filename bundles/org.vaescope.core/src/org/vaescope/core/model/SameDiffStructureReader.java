package org.vaescope.core.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the structure of a SameDiff FlatBuffers file. Activation shapes come from one forward
 * pass on a zero batch of size 1 when every placeholder's shape is known apart from the batch.
 */
final class SameDiffStructureReader {

    private SameDiffStructureReader() {
    }

    public static ModelStructure read(Path file) throws ModelLoadException {
        SameDiff sd = SameDiffFiles.restore(file);
        Map<String, long[]> shapes = activationShapes(sd);
        List<LayerSummary> steps = new ArrayList<>();
        int index = 0;
        for (SameDiffOp op : sd.getOps().values()) {
            List<String> outputs = op.getOutputsOfOp();
            if (outputs == null || outputs.isEmpty()) {
                continue;
            }
            List<String> inputs = op.getInputsToOp() == null ? List.of() : op.getInputsToOp();
            long params = 0;
            for (String input : inputs) {
                SDVariable v = sd.getVariable(input);
                if (v.getVariableType() == VariableType.VARIABLE && v.getArr() != null) {
                    params += v.getArr().length();
                }
            }
            steps.add(new LayerSummary(index++, outputs.get(0), op.getOp().opName(), shapes.get(outputs.get(0)),
                    params, inputs));
        }
        if (steps.isEmpty()) {
            throw new ModelLoadException(file, "SameDiff graph has no operations");
        }
        return new ModelStructure(file, ModelFormat.SAMEDIFF, steps);
    }

    private static Map<String, long[]> activationShapes(SameDiff sd) {
        Map<String, INDArray> zeros = new HashMap<>();
        for (SDVariable ph : sd.variables()) {
            if (ph.getVariableType() != VariableType.PLACEHOLDER) {
                continue;
            }
            long[] shape = ph.placeholderShape();
            if (shape == null) {
                return Map.of();
            }
            long[] concrete = shape.clone();
            for (int i = 0; i < concrete.length; i++) {
                if (concrete[i] < 0) {
                    if (i != 0) {
                        return Map.of();
                    }
                    concrete[i] = 1;
                }
            }
            zeros.put(ph.name(), Nd4j.zeros(ph.dataType(), concrete));
        }
        List<String> activations = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.ARRAY) {
                activations.add(v.name());
            }
        }
        try {
            Map<String, INDArray> values = sd.output(zeros, activations.toArray(new String[0]));
            Map<String, long[]> shapes = new HashMap<>();
            values.forEach((name, arr) -> shapes.put(name, dropBatch(arr.shape())));
            return shapes;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static long[] dropBatch(long[] shape) {
        if (shape.length <= 1) {
            return shape;
        }
        long[] perSample = new long[shape.length - 1];
        System.arraycopy(shape, 1, perSample, 0, perSample.length);
        return perSample;
    }
}

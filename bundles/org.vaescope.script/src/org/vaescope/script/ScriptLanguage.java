package org.vaescope.script;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaescope.script.ScriptEnvironment.DatasetInfo;
import org.vaescope.script.ScriptEnvironment.FactorInfo;
import org.vaescope.script.ScriptEnvironment.GeneratorInfo;
import org.vaescope.script.ScriptEnvironment.ParameterInfo;
import org.vaescope.script.ScriptEnvironment.ParameterType;

/** The fixed vocabulary of the intervention script language, format version {@value #FORMAT_VERSION}. */
public final class ScriptLanguage {

    /** The only format version this language reads ({@code vaescope 1}). */
    public static final int FORMAT_VERSION = 1;

    /** The usual file name extension of scripts. */
    public static final String FILE_EXTENSION = ".vis";

    /** Metric identifiers accepted by {@code metric NAME}, with a one-line description each. */
    public static final Map<String, String> METRIC_DESCRIPTIONS = orderedMap(
            "ces", "causal effect strength: output change per unit latent change (paper metric)",
            "specificity", "intervention specificity: share of a latent's effect on its main factor (paper metric)",
            "modularity", "circuit modularity: 1 - mean Jaccard overlap of factor circuits (paper metric)",
            "mig", "mutual information gap (Chen et al.)",
            "dci", "DCI disentanglement, completeness, informativeness (Eastwood & Williams)",
            "sap", "separated attribute predictability (Kumar et al.)",
            "betavae", "BetaVAE score (Higgins et al.)",
            "factorvae", "FactorVAE score (Kim & Mnih)",
            "irs", "interventional robustness score (Suter et al.)",
            "modularity_explicitness", "modularity and explicitness (Ridgeway & Zemel)");

    /** The metric identifiers, in the order of {@link #METRIC_DESCRIPTIONS}. */
    public static final List<String> METRICS = List.copyOf(METRIC_DESCRIPTIONS.keySet());

    /** Formats of {@code dataset file "..." format F}, with descriptions. */
    public static final Map<String, String> DATASET_FORMATS = orderedMap(
            "npz", "NumPy archive (dSprites, MPI3D layout)",
            "h5", "HDF5 file (3DShapes layout)",
            "norb", "SmallNORB binary matrix files");

    /** Statement keywords with a one-line description, in the order completion lists them. */
    public static final Map<String, String> STATEMENT_KEYWORDS = orderedMap(
            "vaescope", "format version of the script (first line)",
            "model", "the model file to analyse",
            "compare", "a block of models to run the same analyses on",
            "dataset", "the dataset: a built-in generator or a file",
            "samples", "default number of inputs per analysis",
            "seed", "seed of every random choice",
            "vary", "input manipulation: vary one factor, hold the others",
            "perturb", "latent perturbation: add deltas to latents",
            "set", "latent intervention: set latents to a value",
            "traverse", "latent traversal over a range",
            "patch", "activation patching from a source into a target condition",
            "ablate", "ablate units of a hook point",
            "attribute", "attribution patching: first-order effect of every unit",
            "mediate", "causal mediation analysis through a mediator",
            "classify", "classify units as dead, monosemantic or polysemantic",
            "discover", "discover the circuit of every factor",
            "factor", "infer the factor causal graph implied by the model",
            "metric", "compute a metric",
            "report", "write a report file",
            "graph", "write the factor graph file",
            "images", "write traversal and patching images",
            "table", "write the unit table");

    /** The factors of the built-in dSprites generator (paper-spec section 2). */
    public static final DatasetInfo DSPRITES_FACTORS = new DatasetInfo(List.of(
            new FactorInfo("color", 1, List.of("white"), List.of(1.0)),
            new FactorInfo("shape", 3, List.of("square", "ellipse", "heart"), List.of(1.0, 2.0, 3.0)),
            FactorInfo.ofValues("scale", linspace(0.5, 1.0, 6)),
            FactorInfo.ofValues("orientation", linspace(0, 2 * Math.PI, 40)),
            FactorInfo.ofValues("posX", linspace(0, 1, 32)),
            FactorInfo.ofValues("posY", linspace(0, 1, 32))));

    /**
     * The built-in dataset generators. The synthetic causal dataset's factors are defined by its
     * generator, so they are left to the environment.
     */
    public static final List<GeneratorInfo> BUILT_IN_GENERATORS = List.of(
            new GeneratorInfo("dsprites", "procedural dSprites (shape, scale, orientation, position)",
                    List.of(new ParameterInfo("size", ParameterType.INTEGER, "image side in pixels (default 64)")),
                    DSPRITES_FACTORS),
            new GeneratorInfo("causal", "synthetic dataset generated by a known structural causal model",
                    List.of(new ParameterInfo("size", ParameterType.INTEGER, "image side in pixels"),
                            new ParameterInfo("noise", ParameterType.NUMBER, "noise level of the causal mechanisms")),
                    null));

    private ScriptLanguage() {
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static double[] linspace(double from, double to, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = count == 1 ? from : from + (to - from) * i / (count - 1);
        }
        return values;
    }
}

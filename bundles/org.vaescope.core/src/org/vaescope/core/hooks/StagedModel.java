package org.vaescope.core.hooks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * A model made of named {@link Stage}s in topological order, each reading the outputs of earlier
 * stages; every stage output is a hook point. This is the generic engine behind
 * {@link HookedModel}: it knows nothing about VAEs, so imported graphs can be built the same way.
 * <p>
 * Besides the hook API it offers the low-level {@link #forward} and {@link #backward} used by
 * training (parameter gradients) and by analyses that need several seeds at once.
 */
public final class StagedModel implements HookedModel {

    private record Node(int index, String name, Stage stage, int[] inputs, HookPoint hook) {
    }

    /** The activations of one forward pass and which of them were fed rather than computed. */
    public record Pass(Map<String, INDArray> activations, Set<String> fed, int batchSize) {
    }

    private final List<Node> nodes;
    private final Map<String, Integer> index;
    private final int output;
    private final List<Parameter> parameters;
    private final List<HookPoint> hookPoints;

    private StagedModel(List<Node> nodes, int output) {
        this.nodes = List.copyOf(nodes);
        this.output = output;
        Map<String, Integer> byName = new HashMap<>();
        List<Parameter> params = new ArrayList<>();
        Set<String> paramNames = new HashSet<>();
        List<HookPoint> hooks = new ArrayList<>();
        for (Node n : nodes) {
            byName.put(n.name, n.index);
            hooks.add(n.hook);
            if (n.stage != null) {
                for (Parameter p : n.stage.parameters()) {
                    if (!paramNames.add(p.name())) {
                        throw new IllegalArgumentException("parameter name '" + p.name() + "' is used twice");
                    }
                    params.add(p);
                }
            }
        }
        this.index = Collections.unmodifiableMap(byName);
        this.parameters = List.copyOf(params);
        this.hookPoints = List.copyOf(hooks);
    }

    /** Starts a model whose input hook has this name and per-sample shape. */
    public static Builder builder(String inputName, int... inputShape) {
        return new Builder(inputName, inputShape);
    }

    /** Adds stages one by one; each stage may read any earlier hook point. */
    public static final class Builder {
        private final List<Node> nodes = new ArrayList<>();
        private final Map<String, Integer> byName = new HashMap<>();

        private Builder(String inputName, int[] inputShape) {
            Node input = new Node(0, inputName, null, new int[0], new HookPoint(inputName, inputShape, "input"));
            nodes.add(input);
            byName.put(inputName, 0);
        }

        /** Adds a stage named {@code name} reading the given earlier hook points. */
        public Builder add(String name, Stage stage, String... inputs) {
            if (byName.containsKey(name)) {
                throw new IllegalArgumentException("hook point '" + name + "' is defined twice");
            }
            int[] inputIndices = new int[inputs.length];
            List<int[]> inputShapes = new ArrayList<>();
            for (int i = 0; i < inputs.length; i++) {
                Integer in = byName.get(inputs[i]);
                if (in == null) {
                    throw new IllegalArgumentException("stage '" + name + "' reads '" + inputs[i]
                            + "', which is not defined before it");
                }
                inputIndices[i] = in;
                inputShapes.add(nodes.get(in).hook.shape());
            }
            int[] shape = stage.outputShape(inputShapes);
            Node node = new Node(nodes.size(), name, stage, inputIndices, new HookPoint(name, shape, stage.kind()));
            byName.put(name, node.index);
            nodes.add(node);
            return this;
        }

        /** Finishes the model; {@code outputName} is its output hook point. */
        public StagedModel build(String outputName) {
            Integer out = byName.get(outputName);
            if (out == null) {
                throw new IllegalArgumentException("output '" + outputName + "' is not a hook point");
            }
            return new StagedModel(nodes, out);
        }
    }

    // ---- structure -------------------------------------------------------------------------

    @Override
    public List<HookPoint> hookPoints() {
        return hookPoints;
    }

    @Override
    public HookPoint hookPoint(String name) {
        return nodes.get(indexOf(name)).hook;
    }

    @Override
    public String inputHook() {
        return nodes.get(0).name;
    }

    @Override
    public String outputHook() {
        return nodes.get(output).name;
    }

    /** The stage computing {@code hook} (null for the input). */
    public Stage stage(String hook) {
        return nodes.get(indexOf(hook)).stage;
    }

    @Override
    public java.util.Optional<StagedModel> stages() {
        return java.util.Optional.of(this);
    }

    /** The hook points whose stages read {@code hook}, in order. */
    public List<String> readersOf(String hook) {
        int i = indexOf(hook);
        List<String> names = new ArrayList<>();
        for (Node node : nodes) {
            if (Arrays.stream(node.inputs).anyMatch(in -> in == i)) {
                names.add(node.name);
            }
        }
        return names;
    }

    /** The hook points {@code hook}'s stage reads, in order. */
    public List<String> inputsOf(String hook) {
        List<String> names = new ArrayList<>();
        for (int in : nodes.get(indexOf(hook)).inputs) {
            names.add(nodes.get(in).name);
        }
        return names;
    }

    @Override
    public boolean dependsOn(String hook, String ancestor) {
        int target = indexOf(hook);
        int source = indexOf(ancestor);
        boolean[] reaches = new boolean[nodes.size()];
        reaches[source] = true;
        for (int i = source + 1; i <= target; i++) {
            for (int in : nodes.get(i).inputs) {
                reaches[i] |= reaches[in];
            }
        }
        return target != source && reaches[target];
    }

    /** All trainable parameters, in stage order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The parameter with this name. */
    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter named '" + name + "'");
    }

    /** Initialises every stage's parameters from one seed (stage by stage, in order). */
    public void initialize(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        for (Node n : nodes) {
            if (n.stage != null) {
                n.stage.initialize(root.split());
            }
        }
    }

    private int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new HookException("unknown hook point '" + name + "'; known: " + index.keySet().stream()
                    .sorted((a, b) -> Integer.compare(index.get(a), index.get(b))).toList());
        }
        return i;
    }

    // ---- hook API --------------------------------------------------------------------------

    @Override
    public RunResult run(Map<String, INDArray> feeds, RunOptions options) {
        Set<String> targets = new LinkedHashSet<>();
        if (options.computesOutput()) {
            targets.add(outputHook());
        }
        targets.addAll(options.captures());
        if (options.capturesAll()) {
            targets.addAll(computable(feeds.keySet(), options.context()));
        }
        Pass pass = forward(feeds, targets, options.overrides(), options.context(), options.capturesAll());
        return new RunResult(outputHook(), pass.activations(), pass.batchSize());
    }

    /** Hook points that can be computed from these fed hooks (including them). */
    private List<String> computable(Collection<String> fed, StageContext context) {
        boolean[] ok = new boolean[nodes.size()];
        List<String> names = new ArrayList<>();
        for (Node node : nodes) {
            boolean can = fed.contains(node.name);
            if (!can && node.stage != null) {
                can = true;
                boolean[] used = node.stage.inputsUsed(context, node.inputs.length);
                for (int k = 0; k < node.inputs.length; k++) {
                    can &= !used[k] || ok[node.inputs[k]];
                }
            }
            ok[node.index] = can;
            if (can) {
                names.add(node.name);
            }
        }
        return names;
    }

    @Override
    public GradientResult gradient(Map<String, INDArray> feeds, RunOptions options, String of, INDArray weights,
            Collection<String> wrt) {
        Set<String> targets = new LinkedHashSet<>();
        targets.add(outputHook());
        targets.add(of);
        targets.addAll(wrt);
        targets.addAll(options.captures());
        StageContext context = options.context();
        if (options.capturesAll()) {
            targets.addAll(computable(feeds.keySet(), context));
        }
        Pass pass = forward(feeds, targets, options.overrides(), context, true);
        HookPoint ofHook = hookPoint(of);
        INDArray ofValue = pass.activations().get(of);
        int batch = pass.batchSize();
        float[] w = expandWeights(weights, ofHook, batch);
        float[] h = Floats.of(ofValue);
        double[] perSample = new double[batch];
        int size = ofHook.size();
        for (int b = 0; b < batch; b++) {
            double sum = 0;
            for (int j = b * size; j < (b + 1) * size; j++) {
                sum += (double) w[j] * h[j];
            }
            perSample[b] = sum;
        }
        Map<String, INDArray> gradients = backward(pass, Map.of(of, Floats.array(w, ofHook.batchShape(batch))),
                wrt, options.overrides(), context, null);
        Map<String, INDArray> kept = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : pass.activations().entrySet()) {
            if (options.capturesAll() || targets.contains(e.getKey())) {
                kept.put(e.getKey(), e.getValue());
            }
        }
        return new GradientResult(perSample, gradients, new RunResult(outputHook(), kept, batch));
    }

    private static float[] expandWeights(INDArray weights, HookPoint hook, int batch) {
        long[] s = weights.shape();
        if (s.length != hook.shape().length + 1 || Floats.sizeFrom(s, 1) != hook.size()
                || (s[0] != batch && s[0] != 1)) {
            throw new HookException("gradient weights for '" + hook.name() + "' have shape " + Arrays.toString(s)
                    + ", expected " + batch + " (or 1) x " + hook.shapeText());
        }
        float[] w = Floats.of(weights);
        if (s[0] == batch) {
            return w;
        }
        float[] all = new float[batch * w.length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(w, 0, all, b * w.length, w.length);
        }
        return all;
    }

    // ---- engine ----------------------------------------------------------------------------

    /**
     * Runs the stages needed for {@code targets} given the fed activations.
     *
     * @param feeds     activations by hook name (batch × hook shape); fed hooks are not recomputed
     * @param targets   hook points whose values must be returned
     * @param overrides overrides, applied right after a hook's value is computed or fed
     * @param keepAll   return every computed value, not only the targets (needed for backward)
     */
    public Pass forward(Map<String, INDArray> feeds, Collection<String> targets, List<ActivationOverride> overrides,
            StageContext context, boolean keepAll) {
        Nd4jRuntime.ensureStarted();
        int n = nodes.size();
        INDArray[] values = new INDArray[n];
        boolean[] fed = new boolean[n];
        int batch = checkFeeds(feeds, values, fed);
        Map<Integer, List<ActivationOverride>> overridesByNode = groupOverrides(overrides);
        boolean[] isTarget = new boolean[n];
        for (String t : targets) {
            isTarget[indexOf(t)] = true;
        }
        boolean[] needed = isTarget.clone();
        int[] lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int i = n - 1; i >= 0; i--) {
            if (!needed[i] || fed[i]) {
                continue;
            }
            Node node = nodes.get(i);
            if (node.stage == null) {
                throw new HookException("the run needs hook point '" + node.name + "' but it is not fed (fed: "
                        + feeds.keySet() + "); feed it or a hook point that everything needed depends on");
            }
            boolean[] used = node.stage.inputsUsed(context, node.inputs.length);
            for (int k = 0; k < node.inputs.length; k++) {
                if (used[k]) {
                    needed[node.inputs[k]] = true;
                    lastUse[node.inputs[k]] = Math.max(lastUse[node.inputs[k]], i);
                }
            }
        }
        Map<String, INDArray> result = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (!needed[i]) {
                continue;
            }
            Node node = nodes.get(i);
            if (!fed[i]) {
                values[i] = compute(node, values, context, batch);
            }
            List<ActivationOverride> here = overridesByNode.get(i);
            if (here != null) {
                values[i] = Overrides.apply(values[i], node.hook, here);
            }
            if (!keepAll) {
                for (int in : node.inputs) {
                    if (lastUse[in] == i && !isTarget[in]) {
                        values[in] = null;
                    }
                }
            }
        }
        Set<String> fedNames = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (values[i] != null && (keepAll || isTarget[i])) {
                result.put(nodes.get(i).name, values[i]);
            }
            if (fed[i]) {
                fedNames.add(nodes.get(i).name);
            }
        }
        return new Pass(result, Collections.unmodifiableSet(fedNames), batch);
    }

    private INDArray compute(Node node, INDArray[] values, StageContext context, int batch) {
        boolean[] used = node.stage.inputsUsed(context, node.inputs.length);
        List<INDArray> inputs = new ArrayList<>(node.inputs.length);
        for (int k = 0; k < node.inputs.length; k++) {
            inputs.add(used[k] ? values[node.inputs[k]] : null);
        }
        INDArray out = node.stage.forward(inputs, context);
        long[] expected = node.hook.batchShape(batch);
        if (!Arrays.equals(out.shape(), expected)) {
            throw new IllegalStateException("stage '" + node.name + "' (" + node.stage.kind() + ") produced shape "
                    + Arrays.toString(out.shape()) + ", declared " + Arrays.toString(expected));
        }
        return out;
    }

    private int checkFeeds(Map<String, INDArray> feeds, INDArray[] values, boolean[] fed) {
        if (feeds.isEmpty()) {
            throw new HookException("a run needs at least one fed hook point (usually '" + inputHook() + "')");
        }
        int batch = -1;
        for (Map.Entry<String, INDArray> e : feeds.entrySet()) {
            int i = indexOf(e.getKey());
            INDArray value = e.getValue();
            HookPoint hook = nodes.get(i).hook;
            long[] s = value.shape();
            if (s.length != hook.shape().length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length),
                    Arrays.stream(hook.shape()).asLongStream().toArray())) {
                throw new HookException("activation fed to '" + hook.name() + "' has shape " + Arrays.toString(s)
                        + ", expected batch x " + hook.shapeText());
            }
            if (batch >= 0 && s[0] != batch) {
                throw new HookException("fed activations disagree on the batch size: '" + hook.name() + "' has "
                        + s[0] + ", others " + batch);
            }
            batch = (int) s[0];
            values[i] = value.dataType() == DataType.FLOAT ? value : value.castTo(DataType.FLOAT);
            fed[i] = true;
        }
        return batch;
    }

    private Map<Integer, List<ActivationOverride>> groupOverrides(List<ActivationOverride> overrides) {
        Map<Integer, List<ActivationOverride>> byNode = new HashMap<>();
        for (ActivationOverride o : overrides) {
            int i = indexOf(o.hook());
            Overrides.check(o, nodes.get(i).hook);
            byNode.computeIfAbsent(i, k -> new ArrayList<>()).add(o);
        }
        return byNode;
    }

    /**
     * Propagates gradients backwards through a pass made with {@code keepAll}.
     *
     * @param pass                the forward pass (all activations kept)
     * @param outputGradients     ∂m/∂h for the hooks where m depends directly on h (summed if several)
     * @param wrt                 hooks whose gradient to return
     * @param overrides           the overrides of the forward pass (their units stop the gradient)
     * @param parameterGradients  if not null, receives ∂m/∂p by parameter name
     * @return the gradient at each hook of {@code wrt} (zeros if m does not depend on it)
     */
    public Map<String, INDArray> backward(Pass pass, Map<String, INDArray> outputGradients, Collection<String> wrt,
            List<ActivationOverride> overrides, StageContext context, Map<String, INDArray> parameterGradients) {
        int n = nodes.size();
        INDArray[] values = new INDArray[n];
        boolean[] fed = new boolean[n];
        for (Map.Entry<String, INDArray> e : pass.activations().entrySet()) {
            values[indexOf(e.getKey())] = e.getValue();
        }
        for (String f : pass.fed()) {
            fed[indexOf(f)] = true;
        }
        boolean[] isWrt = new boolean[n];
        for (String w : wrt) {
            int i = indexOf(w);
            if (values[i] == null) {
                throw new HookException("cannot take a gradient at '" + w + "': the run did not compute it (fed: "
                        + pass.fed() + ")");
            }
            isWrt[i] = true;
        }
        Map<Integer, List<ActivationOverride>> overridesByNode = groupOverrides(overrides);
        boolean[] wantsGradient = new boolean[n];
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            wantsGradient[i] = isWrt[i];
            if (node.stage == null || fed[i] || values[i] == null) {
                continue;
            }
            wantsGradient[i] |= parameterGradients != null && !node.stage.parameters().isEmpty();
            for (int in : node.inputs) {
                wantsGradient[i] |= wantsGradient[in] && values[in] != null;
            }
        }
        INDArray[] grads = new INDArray[n];
        for (Map.Entry<String, INDArray> e : outputGradients.entrySet()) {
            int i = indexOf(e.getKey());
            if (values[i] == null) {
                throw new HookException("gradient given at '" + e.getKey() + "', which the pass did not compute");
            }
            if (!Arrays.equals(e.getValue().shape(), values[i].shape())) {
                throw new HookException("gradient at '" + e.getKey() + "' has shape "
                        + Arrays.toString(e.getValue().shape()) + ", activation " + Arrays.toString(values[i].shape()));
            }
            grads[i] = add(grads[i], e.getValue());
        }
        Map<String, INDArray> result = new LinkedHashMap<>();
        for (int i = n - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            if (isWrt[i]) {
                result.put(node.name, grads[i] != null ? grads[i] : Nd4j.zeros(DataType.FLOAT, values[i].shape()));
            }
            if (grads[i] == null || node.stage == null || fed[i] || !wantsGradient[i]) {
                continue;
            }
            INDArray g = grads[i];
            List<ActivationOverride> here = overridesByNode.get(i);
            if (here != null) {
                g = Overrides.cutGradient(g, node.hook, here);
            }
            boolean[] used = node.stage.inputsUsed(context, node.inputs.length);
            List<INDArray> inputs = new ArrayList<>();
            boolean inputsWanted = false;
            for (int k = 0; k < node.inputs.length; k++) {
                inputs.add(used[k] ? values[node.inputs[k]] : null);
                inputsWanted |= used[k] && wantsGradient[node.inputs[k]];
            }
            boolean paramsWanted = parameterGradients != null && !node.stage.parameters().isEmpty();
            if (!inputsWanted && !paramsWanted) {
                continue;
            }
            List<INDArray> inputGrads = node.stage.backward(inputs, values[i], g, context,
                    paramsWanted ? parameterGradients : null);
            for (int k = 0; k < node.inputs.length; k++) {
                int in = node.inputs[k];
                if (used[k] && wantsGradient[in] && inputGrads.get(k) != null) {
                    grads[in] = add(grads[in], inputGrads.get(k));
                }
            }
        }
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (String w : wrt) {
            ordered.put(w, result.get(w));
        }
        return ordered;
    }

    private static INDArray add(INDArray current, INDArray more) {
        return current == null ? more : current.add(more);
    }
}

package org.vaescope.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.vaescope.core.internal.analysis.DotText;
import org.vaescope.core.internal.analysis.JsonWriter;

/**
 * The graph the circuit view draws: unit (or unit-group), latent and factor nodes, and weighted
 * edges that carry their evidence kind and the factor they belong to. Immutable; the transforming
 * methods return new graphs. Built by {@link CircuitGraphBuilder}; exported as JSON
 * ({@link #toJson()}, with {@value #FORMAT} version {@value #FORMAT_VERSION}) and Graphviz DOT
 * ({@link #toDot()}).
 */
public final class CircuitGraph {

    /** Value of the JSON {@code format} field. */
    public static final String FORMAT = "vaescope-circuit-graph";
    /** Value of the JSON {@code version} field; raised on incompatible changes. */
    public static final int FORMAT_VERSION = 1;

    /** Kinds of nodes. */
    public enum NodeKind {
        /** One unit at a hook point. */
        UNIT("unit"),
        /** All circuit units of one hook point, collapsed. */
        UNIT_GROUP("unit-group"),
        /** A latent dimension. */
        LATENT("latent"),
        /** A semantic factor. */
        FACTOR("factor");

        private final String label;

        NodeKind(String label) {
            this.label = label;
        }

        /** Name used in JSON. */
        public String label() {
            return label;
        }
    }

    /** Kinds of evidence behind an edge. */
    public enum Evidence {
        /** Unit → unit: effect on the target of patching the source (fraction restored). */
        PATCHING("patching"),
        /** Factor → unit: unit response A[u,k] to changing the factor. */
        RESPONSE("response"),
        /** Latent → factor (E[i,k]) or factor → factor (M[k,l]): effect on a factor read-out. */
        FACTOR_EFFECT("factor-effect");

        private final String label;

        Evidence(String label) {
            this.label = label;
        }

        /** Name used in JSON and DOT. */
        public String label() {
            return label;
        }
    }

    /**
     * A node.
     *
     * @param id unique identifier (see {@link #unitId}, {@link #groupId}, {@link #latentId}, {@link #factorId})
     * @param kind node kind
     * @param hook hook point of a unit or group, null otherwise
     * @param index unit, latent or factor index; -1 for a group
     * @param label display label
     * @param unitClass class of a unit, null for other kinds
     * @param memberCount units represented (1 for a unit, the group size for a group, 0 otherwise)
     */
    public record Node(String id, NodeKind kind, String hook, int index, String label, UnitClass unitClass,
            int memberCount) {

        /** Validates the required fields. */
        public Node {
            if (id == null || kind == null || label == null) {
                throw Checks.fail("circuit graph node needs an id, a kind and a label: " + id);
            }
            if ((kind == NodeKind.UNIT || kind == NodeKind.UNIT_GROUP) != (hook != null)) {
                throw Checks.fail("circuit graph node '" + id + "': units and groups, and only they, have a hook");
            }
        }

        /** A unit node. */
        public static Node unit(String hook, int unit, UnitClass unitClass) {
            return new Node(unitId(hook, unit), NodeKind.UNIT, hook, unit, hook + "[" + unit + "]", unitClass, 1);
        }

        /** A latent node labelled {@code z<i>}. */
        public static Node latent(int latent) {
            return new Node(latentId(latent), NodeKind.LATENT, null, latent, "z" + latent, null, 0);
        }

        /** A factor node. */
        public static Node factor(int index, String name) {
            return new Node(factorId(name), NodeKind.FACTOR, null, index, name, null, 0);
        }
    }

    /**
     * A directed, weighted edge.
     *
     * @param source source node id
     * @param target target node id
     * @param weight strength of the evidence (finite)
     * @param evidence kind of evidence
     * @param factor the factor whose circuit the edge belongs to (for factor → factor edges the
     *        intervened factor), null if none
     */
    public record Edge(String source, String target, double weight, Evidence evidence, String factor) {

        /** Validates the required fields. */
        public Edge {
            if (source == null || target == null || evidence == null) {
                throw Checks.fail("circuit graph edge needs source, target and evidence: " + source + " -> " + target);
            }
            if (!Double.isFinite(weight)) {
                throw Checks.fail("circuit graph edge " + source + " -> " + target + " has weight " + weight);
            }
        }
    }

    private final List<String> hooks;
    private final List<String> factors;
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final Map<String, Node> nodesById = new LinkedHashMap<>();

    /**
     * A graph; node ids must be unique, edges must join existing nodes, hooks and factors of
     * nodes and edges must be listed.
     */
    public CircuitGraph(List<String> hooks, List<String> factors, List<Node> nodes, List<Edge> edges) {
        this.hooks = List.copyOf(hooks);
        this.factors = List.copyOf(factors);
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        for (Node node : this.nodes) {
            if (nodesById.put(node.id(), node) != null) {
                throw Checks.fail("circuit graph node id '" + node.id() + "' occurs twice");
            }
            if (node.hook() != null && !this.hooks.contains(node.hook())) {
                throw Checks.fail("circuit graph node '" + node.id() + "' names unknown hook '" + node.hook() + "'");
            }
        }
        for (Edge edge : this.edges) {
            if (!nodesById.containsKey(edge.source()) || !nodesById.containsKey(edge.target())) {
                throw Checks.fail("circuit graph edge " + edge.source() + " -> " + edge.target()
                        + " joins a node that is not in the graph");
            }
            if (edge.factor() != null && !this.factors.contains(edge.factor())) {
                throw Checks.fail("circuit graph edge " + edge.source() + " -> " + edge.target()
                        + " names unknown factor '" + edge.factor() + "'");
            }
        }
    }

    /** Id of a unit node. */
    public static String unitId(String hook, int unit) {
        return "unit:" + hook + "#" + unit;
    }

    /** Id of the group node of a collapsed hook point. */
    public static String groupId(String hook) {
        return "group:" + hook;
    }

    /** Id of a latent node. */
    public static String latentId(int latent) {
        return "latent:" + latent;
    }

    /** Id of a factor node. */
    public static String factorId(String factor) {
        return "factor:" + factor;
    }

    /** Hook point names in layer order. */
    public List<String> hooks() {
        return hooks;
    }

    /** Factor names. */
    public List<String> factors() {
        return factors;
    }

    /** Nodes in insertion order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Edges in insertion order. */
    public List<Edge> edges() {
        return edges;
    }

    /** The node with the given id. */
    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodesById.get(id));
    }

    /** Unit and group nodes at a hook point. */
    public List<Node> nodesAt(String hook) {
        return nodes.stream().filter(n -> hook.equals(n.hook())).toList();
    }

    /**
     * The subgraph of one factor: its edges, the nodes they join and the factor's own node.
     */
    public CircuitGraph forFactor(String factor) {
        if (!factors.contains(factor)) {
            throw Checks.fail("unknown factor '" + factor + "'; known: " + factors);
        }
        List<Edge> kept = edges.stream().filter(e -> factor.equals(e.factor())).toList();
        Set<String> touched = new HashSet<>();
        touched.add(factorId(factor));
        for (Edge edge : kept) {
            touched.add(edge.source());
            touched.add(edge.target());
        }
        return new CircuitGraph(hooks, factors, nodes.stream().filter(n -> touched.contains(n.id())).toList(), kept);
    }

    /** The graph with only the edges whose |weight| is at least {@code minAbsWeight}; all nodes are kept. */
    public CircuitGraph filterEdges(double minAbsWeight) {
        return new CircuitGraph(hooks, factors, nodes,
                edges.stream().filter(e -> Math.abs(e.weight()) >= minAbsWeight).toList());
    }

    /** The graph without nodes that no edge touches. */
    public CircuitGraph withoutIsolatedNodes() {
        Set<String> touched = new HashSet<>();
        for (Edge edge : edges) {
            touched.add(edge.source());
            touched.add(edge.target());
        }
        return new CircuitGraph(hooks, factors, nodes.stream().filter(n -> touched.contains(n.id())).toList(), edges);
    }

    /**
     * The graph with the unit nodes of {@code hook} replaced by one group node (placed where the
     * first of them was). Edges are redirected to the group; parallel edges with the same evidence
     * and factor merge into one that keeps the weight of largest magnitude; edges between two
     * members of the group disappear. A hook point without unit nodes leaves the graph unchanged.
     */
    public CircuitGraph collapseHook(String hook) {
        if (!hooks.contains(hook)) {
            throw Checks.fail("unknown hook point '" + hook + "'; known: " + hooks);
        }
        Set<String> members = new HashSet<>();
        for (Node node : nodes) {
            if (node.kind() == NodeKind.UNIT && hook.equals(node.hook())) {
                members.add(node.id());
            }
        }
        if (members.isEmpty()) {
            return this;
        }
        String group = groupId(hook);
        List<Node> newNodes = new ArrayList<>();
        for (Node node : nodes) {
            if (!members.contains(node.id())) {
                newNodes.add(node);
            } else if (newNodes.stream().noneMatch(n -> n.id().equals(group))) {
                newNodes.add(new Node(group, NodeKind.UNIT_GROUP, hook, -1,
                        hook + " (" + members.size() + " units)", null, members.size()));
            }
        }
        Map<List<Object>, Edge> merged = new LinkedHashMap<>();
        for (Edge edge : edges) {
            String source = members.contains(edge.source()) ? group : edge.source();
            String target = members.contains(edge.target()) ? group : edge.target();
            if (source.equals(group) && target.equals(group)) {
                continue;
            }
            Edge redirected = new Edge(source, target, edge.weight(), edge.evidence(), edge.factor());
            List<Object> key = Arrays.asList(source, target, edge.evidence(), edge.factor());
            merged.merge(key, redirected,
                    (old, fresh) -> Math.abs(fresh.weight()) > Math.abs(old.weight()) ? fresh : old);
        }
        return new CircuitGraph(hooks, factors, newNodes, new ArrayList<>(merged.values()));
    }

    /**
     * JSON: {@code {"format","version","hooks":[..],"factors":[..],"nodes":[{"id","kind","hook",
     * "index","label","class","members"}],"edges":[{"source","target","weight","evidence","factor"}]}}.
     */
    public String toJson() {
        JsonWriter json = new JsonWriter().beginObject()
                .member("format", FORMAT)
                .member("version", FORMAT_VERSION);
        json.name("hooks").beginArray();
        hooks.forEach(json::value);
        json.endArray().name("factors").beginArray();
        factors.forEach(json::value);
        json.endArray().name("nodes").beginArray();
        for (Node node : nodes) {
            json.beginObject()
                    .member("id", node.id())
                    .member("kind", node.kind().label())
                    .member("hook", node.hook())
                    .member("index", node.index())
                    .member("label", node.label())
                    .member("class", node.unitClass() == null ? null : node.unitClass().label())
                    .member("members", node.memberCount())
                    .endObject();
        }
        json.endArray().name("edges").beginArray();
        for (Edge edge : edges) {
            json.beginObject()
                    .member("source", edge.source())
                    .member("target", edge.target())
                    .member("weight", edge.weight())
                    .member("evidence", edge.evidence().label())
                    .member("factor", edge.factor())
                    .endObject();
        }
        return json.endArray().endObject().toJson();
    }

    /**
     * Graphviz DOT: factor nodes as ellipses, one {@code subgraph cluster_<i>} per hook point that
     * has nodes (labelled with the hook name), latents on one rank as diamonds; edge pen width
     * {@code 0.5 + 4.5 · |w| / max|w|}, edge style by evidence (patching solid, response dashed,
     * factor-effect bold). All identifiers and labels are quoted and escaped.
     */
    public String toDot() {
        StringBuilder dot = new StringBuilder("digraph circuit {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (Node node : nodes) {
            if (node.kind() == NodeKind.FACTOR) {
                dot.append("  ").append(nodeStatement(node)).append('\n');
            }
        }
        for (int h = 0; h < hooks.size(); h++) {
            List<Node> atHook = nodesAt(hooks.get(h));
            if (atHook.isEmpty()) {
                continue;
            }
            dot.append("  subgraph cluster_").append(h).append(" {\n    label=").append(DotText.quote(hooks.get(h)))
                    .append(";\n    style=rounded;\n");
            for (Node node : atHook) {
                dot.append("    ").append(nodeStatement(node)).append('\n');
            }
            dot.append("  }\n");
        }
        List<Node> latents = nodes.stream().filter(n -> n.kind() == NodeKind.LATENT).toList();
        if (!latents.isEmpty()) {
            dot.append("  {\n    rank=same;\n");
            for (Node node : latents) {
                dot.append("    ").append(nodeStatement(node)).append('\n');
            }
            dot.append("  }\n");
        }
        double maxWeight = edges.stream().mapToDouble(e -> Math.abs(e.weight())).max().orElse(0);
        for (Edge edge : edges) {
            double penWidth = maxWeight == 0 ? 1 : 0.5 + 4.5 * Math.abs(edge.weight()) / maxWeight;
            dot.append("  ").append(DotText.quote(edge.source())).append(" -> ").append(DotText.quote(edge.target()))
                    .append(String.format(Locale.ROOT, " [penwidth=%.2f, label=\"%.3f\", style=%s, tooltip=%s];%n",
                            penWidth, edge.weight(), edgeStyle(edge.evidence()),
                            DotText.quote(edge.evidence().label()
                                    + (edge.factor() == null ? "" : " (" + edge.factor() + ")"))));
        }
        return dot.append("}\n").toString();
    }

    private static String nodeStatement(Node node) {
        String label = node.label() + (node.unitClass() == null ? "" : "\n" + node.unitClass().label());
        String attributes = switch (node.kind()) {
            case FACTOR -> "shape=ellipse, style=filled, fillcolor=\"#fde2a7\"";
            case LATENT -> "shape=diamond";
            case UNIT_GROUP -> "shape=box3d";
            case UNIT -> "shape=box, style=filled, fillcolor=\"" + classColor(node.unitClass()) + "\"";
        };
        return DotText.quote(node.id()) + " [label=" + DotText.quote(label) + ", " + attributes + "];";
    }

    private static String classColor(UnitClass unitClass) {
        if (unitClass == null) {
            return "#ffffff";
        }
        return switch (unitClass) {
            case MONOSEMANTIC -> "#c7e9c0";
            case POLYSEMANTIC -> "#fdd0a2";
            case DEAD -> "#d9d9d9";
        };
    }

    private static String edgeStyle(Evidence evidence) {
        return switch (evidence) {
            case PATCHING -> "solid";
            case RESPONSE -> "dashed";
            case FACTOR_EFFECT -> "bold";
        };
    }
}

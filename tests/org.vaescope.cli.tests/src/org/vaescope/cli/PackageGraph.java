package org.vaescope.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;

/**
 * The package dependency graph of installed bundles, read from their class files' constant pools
 * (class references, descriptors and signatures), so that it sees what the compiler linked, not
 * what the sources happen to import. Only the bundle's own entries are read, never those of its
 * attached test fragments.
 */
final class PackageGraph {

    private static final int ACC_PUBLIC = 0x0001;
    private static final Pattern VAESCOPE_TYPE = Pattern.compile("org/vaescope/[\\w/$]+");

    /** package → packages its classes refer to (org.vaescope only, self excluded) */
    final Map<String, Set<String>> edges = new TreeMap<>();
    /** package → every type name (slash form) its classes refer to, from any library */
    final Map<String, Set<String>> referencedTypes = new TreeMap<>();
    /** package → its public top-level types (simple names) */
    final Map<String, Set<String>> publicTypes = new TreeMap<>();
    /** bundle symbolic name → its packages */
    final Map<String, Set<String>> packagesByBundle = new TreeMap<>();

    void add(Bundle bundle) throws IOException {
        Set<String> packages = packagesByBundle.computeIfAbsent(bundle.getSymbolicName(), b -> new TreeSet<>());
        for (String path : classEntries(bundle, "org/vaescope/")) {
            String pkg = packageOf(path.substring(0, path.length() - ".class".length()));
            packages.add(pkg);
            Set<String> targets = edges.computeIfAbsent(pkg, p -> new TreeSet<>());
            Set<String> types = referencedTypes.computeIfAbsent(pkg, p -> new TreeSet<>());
            try (DataInputStream in = new DataInputStream(bundle.getEntry(path).openStream())) {
                for (String utf8 : constantPoolStrings(in)) {
                    types.add(utf8);
                    Matcher m = VAESCOPE_TYPE.matcher(utf8);
                    while (m.find()) {
                        String target = packageOf(m.group());
                        if (!target.equals(pkg)) {
                            targets.add(target);
                        }
                    }
                }
                String type = path.substring(path.lastIndexOf('/') + 1, path.length() - ".class".length());
                if ((in.readUnsignedShort() & ACC_PUBLIC) != 0 && !type.contains("$")) {
                    publicTypes.computeIfAbsent(pkg, p -> new TreeSet<>()).add(type);
                }
            }
        }
    }

    /** Strongly connected components with more than one package, each sorted. */
    List<List<String>> cycles() {
        return new Tarjan(edges).components().stream().filter(c -> c.size() > 1).toList();
    }

    private static String packageOf(String slashName) {
        return slashName.substring(0, slashName.lastIndexOf('/')).replace('/', '.');
    }

    private static List<String> classEntries(Bundle bundle, String folder) {
        List<String> classes = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(List.of(folder));
        while (!todo.isEmpty()) {
            Enumeration<String> children = bundle.getEntryPaths(todo.pop());
            while (children != null && children.hasMoreElements()) {
                String child = children.nextElement();
                if (child.endsWith("/")) {
                    todo.push(child);
                } else if (child.endsWith(".class")) {
                    classes.add(child);
                }
            }
        }
        return classes;
    }

    /**
     * The UTF-8 constants of a class file: every name, descriptor and signature it mentions. Reads the
     * stream up to the class's access flags, which come next.
     */
    static List<String> constantPoolStrings(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings;
    }

    /** Tarjan's strongly connected components, iterative enough for a few hundred packages. */
    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> result = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<List<String>> components() {
            for (String v : graph.keySet()) {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            }
            return result;
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : graph.getOrDefault(v, Collections.emptySet())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                Collections.sort(component);
                result.add(component);
            }
        }
    }
}

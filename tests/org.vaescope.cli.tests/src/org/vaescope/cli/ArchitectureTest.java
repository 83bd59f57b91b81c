package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;

/** The bundles' dependency rules, checked on the class files the build produced. */
class ArchitectureTest {

    private static final List<String> ENGINE_BUNDLES = List.of("org.vaescope.script", "org.vaescope.metrics",
            "org.vaescope.core", "org.vaescope.cli");

    /**
     * Package cycles that exist today and are being taken apart; the list only ever shrinks. A new
     * cycle, or a changed one, fails the test.
     */
    private static final Set<String> KNOWN_CYCLES = Set.of();

    private static PackageGraph graph;
    private static final Map<String, String> exportHeaders = new TreeMap<>();

    @BeforeAll
    static void readClassFiles() throws IOException {
        graph = new PackageGraph();
        Bundle[] installed = FrameworkUtil.getBundle(ArchitectureTest.class).getBundleContext().getBundles();
        for (Bundle bundle : installed) {
            if (ENGINE_BUNDLES.contains(bundle.getSymbolicName())) {
                graph.add(bundle);
                exportHeaders.put(bundle.getSymbolicName(), bundle.getHeaders("").get(Constants.EXPORT_PACKAGE));
            }
        }
        assertEquals(new TreeSet<>(ENGINE_BUNDLES), graph.packagesByBundle.keySet(), "bundles found");
    }

    @Test
    void packagesFormNoCycle() {
        Set<String> cycles = new TreeSet<>();
        for (List<String> cycle : graph.cycles()) {
            cycles.add(String.join(" ", cycle));
        }
        assertEquals(new TreeSet<>(KNOWN_CYCLES), cycles, "package cycles");
    }

    @Test
    void languageAndMetricsArePureJava() {
        assertNoReference("org.vaescope.script", "org/nd4j", "org/deeplearning4j", "org/bytedeco", "org/eclipse");
        assertNoReference("org.vaescope.metrics", "org/nd4j", "org/deeplearning4j", "org/bytedeco", "org/eclipse");
    }

    @Test
    void engineHasNoUserInterface() {
        assertNoReference("org.vaescope.core", "org/eclipse/swt", "org/eclipse/jface", "org/eclipse/ui");
        assertNoReference("org.vaescope.core", "org/vaescope/cli");
    }

    @Test
    void everyExportedPackageExists() {
        Map<String, Set<String>> missing = new TreeMap<>();
        exportHeaders.forEach((bundle, header) -> {
            for (String clause : clauses(header)) {
                String pkg = clause.split(";", 2)[0].trim();
                if (!graph.packagesByBundle.get(bundle).contains(pkg)) {
                    missing.computeIfAbsent(bundle, b -> new TreeSet<>()).add(pkg);
                }
            }
        });
        assertTrue(missing.isEmpty(), "exported packages without classes: " + missing);
    }

    @Test
    void internalPackagesAreMarkedInternalOrForFriends() {
        Set<String> unmarked = new TreeSet<>();
        exportHeaders.forEach((bundle, header) -> {
            for (String clause : clauses(header)) {
                String pkg = clause.split(";", 2)[0].trim();
                boolean internal = pkg.contains(".internal");
                boolean marked = clause.contains("x-internal:=true") || clause.contains("x-friends:=");
                if (internal != marked) {
                    unmarked.add(bundle + ": " + clause.trim());
                }
            }
        });
        assertTrue(unmarked.isEmpty(), "internal packages must be exported x-internal or x-friends, and only"
                + " they: " + unmarked);
    }

    /**
     * docs/api.md is the reviewed API: a public type added to (or removed from) an API package fails
     * here until the list is written again ({@code releng/api/api-list.py}) and read in review.
     */
    @Test
    void theApiDocumentListsExactlyThePublicTypesOfTheApiPackages() throws IOException {
        Map<String, Set<String>> documented = documentedApi();
        Map<String, Set<String>> compiled = new TreeMap<>();
        exportHeaders.forEach((bundle, header) -> {
            for (String clause : clauses(header)) {
                String pkg = clause.split(";", 2)[0].trim();
                if (!pkg.isEmpty() && !pkg.contains(".internal")) {
                    compiled.put(pkg, graph.publicTypes.getOrDefault(pkg, Set.of()));
                }
            }
        });
        compiled.keySet().removeIf(p -> p.startsWith("org.vaescope.cli"));
        documented.keySet().retainAll(compiled.keySet()); // the list also has the IDE bundles, not installed here
        Set<String> undocumented = qualified(compiled);
        undocumented.removeAll(qualified(documented));
        Set<String> gone = qualified(documented);
        gone.removeAll(qualified(compiled));
        assertTrue(undocumented.isEmpty() && gone.isEmpty(), "public types not in docs/api.md: " + undocumented
                + "; listed there but not public (or gone): " + gone + " (run releng/api/api-list.py and review)");
    }

    private static Set<String> qualified(Map<String, Set<String>> typesByPackage) {
        Set<String> names = new TreeSet<>();
        typesByPackage.forEach((pkg, types) -> types.forEach(type -> names.add(pkg + "." + type)));
        return names;
    }

    /** package → type names, from the "### `package`" headings and "- `Type` (kind)" items of docs/api.md. */
    private static Map<String, Set<String>> documentedApi() throws IOException {
        String examples = System.getProperty("vaescope.examples");
        assertTrue(examples != null, "-Dvaescope.examples names the repository's examples folder, beside docs/");
        Map<String, Set<String>> api = new TreeMap<>();
        Set<String> current = null;
        for (String line : Files.readAllLines(Path.of(examples).resolveSibling("docs").resolve("api.md"))) {
            Matcher heading = Pattern.compile("^### `([\\w.]+)`").matcher(line);
            Matcher item = Pattern.compile("^- `(\\w+)` \\(").matcher(line);
            if (heading.find()) {
                current = api.computeIfAbsent(heading.group(1), p -> new TreeSet<>());
            } else if (item.find() && current != null) {
                current.add(item.group(1));
            }
        }
        return api;
    }

    /** The comma-separated clauses of a manifest header (commas inside quotes belong to the clause). */
    private static List<String> clauses(String header) {
        List<String> clauses = new java.util.ArrayList<>();
        if (header == null) {
            return clauses;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString());
        return clauses;
    }

    private static void assertNoReference(String bundle, String... forbiddenPrefixes) {
        Map<String, Set<String>> offenders = new TreeMap<>();
        for (String pkg : graph.packagesByBundle.get(bundle)) {
            for (String type : graph.referencedTypes.get(pkg)) {
                for (String prefix : forbiddenPrefixes) {
                    if (type.contains(prefix + "/")) {
                        offenders.computeIfAbsent(pkg, p -> new TreeSet<>()).add(prefix);
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), bundle + " refers to " + offenders);
    }
}

package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

package org.vaescope.script.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The descriptor of each kind of {@link Statement}, declared once: the keyword that starts it, a
 * name, its role in a run, its syntax, a one-line help and the optional clauses it takes. Completion, hover, the checker
 * and the interpreter all read these.
 */
public enum StatementKind {
    VERSION(Role.SETUP, "vaescope", "format version", "vaescope 1", "format version of the script (first line)"),
    MODEL(Role.SETUP, "model", "model", "model \"path.vsm\" [decoder \"dec.onnx\"] [as NAME]",
            "the model file to analyse (.vsm, or .onnx with its decoder file when saved as two)"),
    COMPARE(Role.SETUP, "compare", "model comparison", "compare { model \"a.vsm\" as a ... }",
            "a block of models to run the same analyses on"),
    GENERATED_DATASET(Role.SETUP, "dataset", "built-in dataset", "dataset NAME(param=value, ...)",
            "the dataset: a built-in generator or a file"),
    FILE_DATASET(Role.SETUP, "dataset file", "dataset file", "dataset file \"data.npz\" format npz", "a dataset file in the script folder"),
    SAMPLES(Role.SETUP, "samples", "sample count", "samples N", "default number of inputs per analysis"),
    SEED(Role.SETUP, "seed", "seed", "seed N", "seed of every random choice"),
    VARY_FACTOR(Role.ANALYSIS, "vary factor", "input manipulation", "vary factor (all | NAME [from VALUE to VALUE])",
            "input manipulation: vary one factor, hold the others", "samples"),
    PERTURB_LATENT(Role.ANALYSIS, "perturb latent", "latent perturbation", "perturb latent SELECTION by A[..B [step S]]",
            "latent perturbation: add deltas to latents", "samples"),
    SET_LATENT(Role.ANALYSIS, "set latent", "latent intervention", "set latent SELECTION = VALUE",
            "latent intervention: set latents to a value", "samples"),
    TRAVERSE_LATENT(Role.ANALYSIS, "traverse latent", "latent traversal", "traverse latent SELECTION range A..B steps N",
            "latent traversal over a range", "samples"),
    PATCH(Role.ANALYSIS, "patch", "activation patching", "patch HOOK units|channels SELECTION from (COND) into (COND) [measure latent N|readout NAME|reconstruction]",
            "activation patching from a source into a target condition", "measure", "samples"),
    ABLATE(Role.ANALYSIS, "ablate", "ablation", "ablate HOOK units SELECTION [mode zero|mean|resample]", "ablate units of a hook point", "mode", "measure",
            "samples"),
    ATTRIBUTE(Role.ANALYSIS, "attribute", "attribution patching", "attribute HOOK units SELECTION from (COND) into (COND)",
            "attribution patching: first-order effect of every unit", "measure", "top", "samples"),
    MEDIATE(Role.ANALYSIS, "mediate", "causal mediation", "mediate factor NAME from VALUE to VALUE through HOOK units SELECTION",
            "causal mediation analysis through a mediator", "measure", "samples"),
    CLASSIFY_UNITS(Role.ANALYSIS, "classify units", "unit classification", "classify units",
            "classify units as dead, monosemantic or polysemantic"),
    DISCOVER_CIRCUITS(Role.ANALYSIS, "discover circuits", "circuit discovery", "discover circuits", "discover the circuit of every factor"),
    INFER_FACTOR_GRAPH(Role.ANALYSIS, "factor graph", "factor graph", "factor graph", "infer the factor causal graph implied by the model"),
    METRIC(Role.ANALYSIS, "metric", "metric", "metric NAME", "compute a metric"),
    OUTPUT(Role.OUTPUT, "report", "output file", "report html \"f\" | graph dot \"f\" | images \"f\" | table csv \"f\"",
            "write an output file"),
    INVALID(Role.INVALID, "", "invalid statement", "", "a statement that could not be parsed");

    /** What a statement does in a run. */
    public enum Role {
        /** Says what the run works on (model, dataset, samples, seed). */
        SETUP,
        /** Computes something: an intervention, an analysis or a metric. */
        ANALYSIS,
        /** Writes a file. */
        OUTPUT,
        /** Could not be parsed. */
        INVALID
    }

    private final Role role;
    private final String phrase;
    private final String keyword;
    private final String displayName;
    private final String syntax;
    private final String help;
    private final List<String> options;

    StatementKind(Role role, String phrase, String displayName, String syntax, String help, String... options) {
        this.role = role;
        this.phrase = phrase;
        this.keyword = phrase.split(" ")[0];
        this.displayName = displayName;
        this.syntax = syntax;
        this.help = help;
        this.options = List.of(options);
    }

    /** The word that starts a statement of this kind (for {@link #OUTPUT}, the first of several). */
    public String keyword() {
        return keyword;
    }

    /** What the statement does in a run. */
    public Role role() {
        return role;
    }

    /** The fixed words that start the statement, e.g. {@code perturb latent}. */
    public String phrase() {
        return phrase;
    }

    /** A short name for progress and outlines, e.g. "activation patching". */
    public String displayName() {
        return displayName;
    }

    /** The statement's form, with its parameters in capitals. */
    public String syntax() {
        return syntax;
    }

    /** One line saying what the statement does. */
    public String help() {
        return help;
    }

    /** The optional clauses the statement takes after its fixed part, e.g. {@code samples}. */
    public List<String> options() {
        return options;
    }

    /**
     * Every word that can start a statement, with its help, in the order completion lists them. The
     * output statement contributes one word per {@link OutputKind}.
     */
    public static Map<String, String> statementKeywords() {
        return KEYWORDS;
    }

    /** The kind a statement keyword introduces; the first one for {@code dataset}; null for other words. */
    public static StatementKind ofKeyword(String word) {
        for (StatementKind kind : values()) {
            if (kind != INVALID && kind.keyword.equals(word)) {
                return kind;
            }
        }
        return OutputKind.ofKeyword(word) == null ? null : OUTPUT;
    }

    /**
     * Every word the language gives a meaning somewhere: the statement keywords, the fixed words of
     * each statement's syntax, its options and the output words, sorted (for an editor's colouring).
     */
    public static List<String> languageKeywords() {
        return LANGUAGE_KEYWORDS;
    }

    private static final Map<String, String> KEYWORDS = keywordHelp();
    private static final List<String> LANGUAGE_KEYWORDS = languageWords();

    private static List<String> languageWords() {
        java.util.TreeSet<String> words = new java.util.TreeSet<>(KEYWORDS.keySet());
        java.util.regex.Matcher bareWord = java.util.regex.Pattern.compile("(?<![\\w\"])[a-z]+(?![\\w\"])")
                .matcher("");
        for (StatementKind kind : values()) {
            words.addAll(kind.options);
            bareWord.reset(kind.syntax);
            while (bareWord.find()) {
                words.add(bareWord.group());
            }
        }
        for (OutputKind output : OutputKind.values()) {
            words.addAll(List.of(output.syntax().split(" ")));
        }
        return List.copyOf(words);
    }

    private static Map<String, String> keywordHelp() {
        Map<String, String> help = new LinkedHashMap<>();
        for (StatementKind kind : values()) {
            if (kind == OUTPUT) {
                for (OutputKind output : OutputKind.values()) {
                    help.putIfAbsent(output.keyword(), output.help());
                }
            } else if (kind != INVALID) {
                help.putIfAbsent(kind.keyword, kind.help);
            }
        }
        return Collections.unmodifiableMap(help);
    }
}

package org.vaescope.script.ast;

/** The kinds of output file a script can write into its output folder. */
public enum OutputKind {
    REPORT_HTML("report html", ".html", "write a report file"),
    REPORT_JSON("report json", ".json", "write a report file"),
    GRAPH_JSON("graph json", ".json", "write the factor graph file"),
    GRAPH_DOT("graph dot", ".dot", "write the factor graph file"),
    IMAGES("images", ".png", "write traversal and patching images"),
    TABLE_CSV("table csv", ".csv", "write the unit table");

    private final String syntax;
    private final String extension;
    private final String help;

    OutputKind(String syntax, String extension, String help) {
        this.syntax = syntax;
        this.extension = extension;
        this.help = help;
    }

    /** The words that introduce this output in a script, e.g. {@code report html}. */
    public String syntax() {
        return syntax;
    }

    /** The first word of {@link #syntax()}, the statement keyword. */
    public String keyword() {
        int space = syntax.indexOf(' ');
        return space < 0 ? syntax : syntax.substring(0, space);
    }

    /** What the output statement does. */
    public String help() {
        return help;
    }

    /** The usual file name extension, with its dot. */
    public String extension() {
        return extension;
    }

    /** The first output kind introduced by this keyword, or null. */
    static OutputKind ofKeyword(String word) {
        for (OutputKind kind : values()) {
            if (kind.keyword().equals(word)) {
                return kind;
            }
        }
        return null;
    }
}

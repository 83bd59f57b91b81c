package org.vaescope.script;

/** The kinds of output file a script can write into its output folder. */
public enum OutputKind {
    REPORT_HTML("report html", ".html"),
    REPORT_JSON("report json", ".json"),
    GRAPH_JSON("graph json", ".json"),
    GRAPH_DOT("graph dot", ".dot"),
    IMAGES("images", ".png"),
    TABLE_CSV("table csv", ".csv");

    private final String syntax;
    private final String extension;

    OutputKind(String syntax, String extension) {
        this.syntax = syntax;
        this.extension = extension;
    }

    /** The words that introduce this output in a script, e.g. {@code report html}. */
    public String syntax() {
        return syntax;
    }

    /** The usual file name extension, with its dot. */
    public String extension() {
        return extension;
    }
}

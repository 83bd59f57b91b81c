package org.vaescope.script.hover;

import org.vaescope.script.source.Span;

/** What a hover shows: a title line, a body of plain text, and the span of the word it is about. */
public record Hover(String title, String body, Span span) {

    /** The title and body as one plain text, title first. */
    public String text() {
        return body.isEmpty() ? title : title + "\n\n" + body;
    }
}

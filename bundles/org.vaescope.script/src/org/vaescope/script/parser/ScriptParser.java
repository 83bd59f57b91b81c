package org.vaescope.script.parser;

import org.vaescope.script.ast.ParseResult;
import org.vaescope.script.internal.Parser;

/**
 * Parses intervention scripts. The parser never throws: it recovers at the end of each faulty
 * statement and reports every syntax error with its place and what was expected there.
 */
public final class ScriptParser {

    private ScriptParser() {
    }

    /** Parses a whole script. */
    public static ParseResult parse(String text) {
        return Parser.parse(text == null ? "" : text);
    }
}

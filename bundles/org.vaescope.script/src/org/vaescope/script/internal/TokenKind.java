package org.vaescope.script.internal;

/** Kinds of lexical token of the script language. */
public enum TokenKind {
    IDENT, NUMBER, STRING, LPAREN, RPAREN, LBRACE, RBRACE, COMMA, EQUALS, DOTDOT, NEWLINE,
    /** A character the language does not use (already reported by the lexer). */
    ERROR,
    /** The completion point: parsing stops here and records what was expected. */
    CARET,
    EOF
}

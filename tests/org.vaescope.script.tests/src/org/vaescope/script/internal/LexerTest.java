package org.vaescope.script.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LexerTest {

    private static String kinds(String text) {
        List<Token> tokens = Lexer.tokenize(text, null);
        StringBuilder out = new StringBuilder();
        for (Token t : tokens) {
            out.append(t.kind()).append(t.kind() == TokenKind.NEWLINE || t.kind() == TokenKind.EOF ? "" : ":" + t.text())
                    .append(' ');
        }
        return out.toString().trim();
    }

    @Test
    void rangesNumbersAndDottedNames() {
        assertEquals("IDENT:units NUMBER:0 DOTDOT:.. NUMBER:7 EOF", kinds("units 0..7"));
        assertEquals("NUMBER:-2 DOTDOT:.. NUMBER:2 NUMBER:1.5 NUMBER:1e-3 EOF", kinds("-2..2 1.5 1e-3"));
        assertEquals("IDENT:encoder.conv1 ERROR:. EOF", kinds("encoder.conv1."));
        assertEquals("IDENT:a.b_c.d2 NUMBER:3 IDENT:e EOF", kinds("a.b_c.d2 3e"));
    }

    @Test
    void commentsAreDroppedAndNewlinesKept() {
        assertEquals("IDENT:metric IDENT:ces NEWLINE IDENT:seed NUMBER:1 EOF", kinds("metric ces # c \"x\n seed 1"));
    }

    @Test
    void stringsResolveEscapesAndReportMissingQuotes() {
        List<Token> tokens = Lexer.tokenize("\"a\\\"b\" \"open", null);
        assertEquals("a\"b", tokens.get(0).value());
        assertEquals(true, tokens.get(0).terminated());
        assertEquals("open", tokens.get(1).value());
        assertEquals(false, tokens.get(1).terminated());
    }

    @Test
    void punctuation() {
        assertEquals("LBRACE:{ LPAREN:( IDENT:a EQUALS:= IDENT:b COMMA:, RPAREN:) RBRACE:} EOF", kinds("{(a=b,)}"));
    }
}

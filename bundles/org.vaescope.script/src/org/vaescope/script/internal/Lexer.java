package org.vaescope.script.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits script text into tokens. Newlines are tokens (statements end at line ends); {@code #}
 * comments and other white space are dropped. Names may be dotted ({@code encoder.conv1}); numbers
 * may carry a sign, a fraction and an exponent; {@code 0..7} lexes as number, {@code ..}, number.
 * Lexical errors are reported to the sink and lexing goes on.
 */
public final class Lexer {

    private final String text;
    private final DiagnosticSink sink;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String text, DiagnosticSink sink) {
        this.text = text;
        this.sink = sink;
    }

    /** Tokens of {@code text}, ending with an EOF token; errors go to {@code sink} when not null. */
    public static List<Token> tokenize(String text, DiagnosticSink sink) {
        Lexer lexer = new Lexer(text, sink);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '\n') {
                add(TokenKind.NEWLINE, pos, 1);
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < n && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (isNameStart(c)) {
                lexName();
            } else if (isDigit(c) || ((c == '-' || c == '+') && pos + 1 < n && isDigit(text.charAt(pos + 1)))) {
                lexNumber();
            } else if (c == '.' && pos + 1 < n && text.charAt(pos + 1) == '.') {
                add(TokenKind.DOTDOT, pos, 2);
                pos += 2;
            } else if (c == '"') {
                lexString();
            } else {
                TokenKind kind = switch (c) {
                    case '(' -> TokenKind.LPAREN;
                    case ')' -> TokenKind.RPAREN;
                    case '{' -> TokenKind.LBRACE;
                    case '}' -> TokenKind.RBRACE;
                    case ',' -> TokenKind.COMMA;
                    case '=' -> TokenKind.EQUALS;
                    default -> TokenKind.ERROR;
                };
                int width = Character.isHighSurrogate(c) && pos + 1 < n ? 2 : 1;
                if (kind == TokenKind.ERROR && sink != null) {
                    sink.report(org.vaescope.script.source.Diagnostic.Severity.ERROR, pos, width,
                            "unexpected character '" + text.substring(pos, pos + width) + "'");
                }
                add(kind, pos, width);
                pos += width;
            }
        }
        tokens.add(new Token(TokenKind.EOF, "", "", n, 0, true));
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') : Character.isLetter(c));
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void lexName() {
        int start = pos;
        int n = text.length();
        while (pos < n && isNamePart(text.charAt(pos))) {
            pos++;
        }
        while (pos + 1 < n && text.charAt(pos) == '.' && isNameStart(text.charAt(pos + 1))) {
            pos++;
            while (pos < n && isNamePart(text.charAt(pos))) {
                pos++;
            }
        }
        add(TokenKind.IDENT, start, pos - start);
    }

    private void lexNumber() {
        int start = pos;
        int n = text.length();
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        skipDigits();
        if (pos + 1 < n && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
            pos++;
            skipDigits();
        }
        if (pos < n && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < n && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
                pos++;
            }
            if (pos < n && isDigit(text.charAt(pos))) {
                skipDigits();
            } else {
                pos = mark;
            }
        }
        add(TokenKind.NUMBER, start, pos - start);
    }

    private void skipDigits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private void lexString() {
        int start = pos;
        int n = text.length();
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                tokens.add(new Token(TokenKind.STRING, text.substring(start, pos), value.toString(), start,
                        pos - start, true));
                return;
            }
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c == '\\' && pos + 1 < n && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '\\')) {
                value.append(text.charAt(pos + 1));
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        if (sink != null) {
            sink.report(org.vaescope.script.source.Diagnostic.Severity.ERROR, start, pos - start,
                    "unterminated string: expected '\"' before the end of the line");
        }
        tokens.add(new Token(TokenKind.STRING, text.substring(start, pos), value.toString(), start, pos - start,
                false));
    }

    private void add(TokenKind kind, int start, int length) {
        String s = text.substring(start, start + length);
        tokens.add(new Token(kind, s, s, start, length, true));
    }
}

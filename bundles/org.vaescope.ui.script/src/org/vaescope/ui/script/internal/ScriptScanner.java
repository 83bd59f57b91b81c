package org.vaescope.ui.script.internal;

import java.util.List;

import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.ICharacterScanner;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.rules.WhitespaceRule;
import org.vaescope.script.ast.StatementKind;

/**
 * Colours a script line by line: comments, strings, numbers, the language's keywords (from the
 * statement descriptors) and dotted hook point names. Keywords are not reserved in the language, so a
 * factor called {@code scale} shows as a name unless it is also a keyword.
 */
final class ScriptScanner extends RuleBasedScanner {

    ScriptScanner() {
        setRules(new IRule[] {
                new EndOfLineRule("#", ScriptColors.COMMENT.token()),
                new SingleLineRule("\"", "\"", ScriptColors.STRING.token(), '\\', true),
                new WhitespaceRule(Character::isWhitespace),
                new NumberRule(),
                new NameRule() });
    }

    /** Optional sign, digits, fraction, exponent; the range operator {@code ..} is not part of a number. */
    private static final class NumberRule implements IRule {
        @Override
        public IToken evaluate(ICharacterScanner scanner) {
            int read = 0;
            int c = scanner.read();
            read++;
            if (c == '-' || c == '+') {
                c = scanner.read();
                read++;
            }
            if (!Character.isDigit(c)) {
                return unread(scanner, read);
            }
            while (Character.isDigit(c = scanner.read())) {
                read++;
            }
            scanner.unread();
            if (peekFraction(scanner)) {
                scanner.read();
                while (Character.isDigit(c = scanner.read())) {
                    // digits of the fraction
                }
                scanner.unread();
            }
            return ScriptColors.NUMBER.token();
        }

        private static boolean peekFraction(ICharacterScanner scanner) {
            int dot = scanner.read();
            int next = scanner.read();
            scanner.unread();
            scanner.unread();
            return dot == '.' && Character.isDigit(next);
        }

        private static IToken unread(ICharacterScanner scanner, int count) {
            for (int i = 0; i < count; i++) {
                scanner.unread();
            }
            return Token.UNDEFINED;
        }
    }

    /** A name: a keyword, a dotted hook point, or plain (default colour). */
    private static final class NameRule implements IRule {
        private static final List<String> KEYWORDS = StatementKind.languageKeywords();
        private static final IToken PLAIN_NAME = new Token(null);

        @Override
        public IToken evaluate(ICharacterScanner scanner) {
            int c = scanner.read();
            if (!Character.isLetter(c) && c != '_') {
                scanner.unread();
                return Token.UNDEFINED;
            }
            StringBuilder name = new StringBuilder();
            while (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                name.append((char) c);
                c = scanner.read();
            }
            scanner.unread();
            String word = name.toString();
            if (word.indexOf('.') > 0) {
                return ScriptColors.HOOK.token();
            }
            return KEYWORDS.contains(word) ? ScriptColors.KEYWORD.token() : PLAIN_NAME;
        }
    }
}

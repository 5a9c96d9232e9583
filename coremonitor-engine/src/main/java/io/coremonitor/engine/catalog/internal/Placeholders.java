package io.coremonitor.engine.catalog.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The placeholders of a fragment's string: {@code ${service}}, {@code ${param.NAME}}, ... A {@code $$} is compose's
 * escaped dollar and stays as it is; any other {@code $} is left to compose too.
 */
public final class Placeholders {

    /** A piece of a string: literal text, or a placeholder's expression ({@code param.user}). */
    public record Token(String text, boolean placeholder) {
    }

    private Placeholders() {
    }

    /** Splits {@code text}; throws IllegalArgumentException for a {@code ${} without its {@code }}. */
    public static List<Token> parse(String text) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                literal.append("$$");
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("'${' without its '}' in \"" + text + "\"");
                }
                if (literal.length() > 0) {
                    tokens.add(new Token(literal.toString(), false));
                    literal.setLength(0);
                }
                tokens.add(new Token(text.substring(i + 2, end).trim(), true));
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            tokens.add(new Token(literal.toString(), false));
        }
        return tokens;
    }

    /** The expressions of every placeholder in {@code text}. */
    public static List<String> expressions(String text) {
        return parse(text).stream().filter(Token::placeholder).map(Token::text).toList();
    }

    /** {@code text} with compose's escaped dollars ({@code $$}) turned back into one. */
    public static String unescape(String text) {
        return text.replace("$$", "$");
    }

    /** {@code value} written so that compose's interpolation gives it back ({@code $} doubled). */
    public static String escape(String value) {
        return value.replace("$", "$$");
    }
}

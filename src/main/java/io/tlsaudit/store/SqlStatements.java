package io.tlsaudit.store;

/**
 * Counts the statements in a SQL text the way DuckDB splits them: at semicolons outside string literals, quoted
 * identifiers, dollar-quoted strings and comments. DuckDB runs every statement of a text it is given, so a query
 * meant to run one statement is checked first.
 */
public final class SqlStatements {

    private SqlStatements() {}

    /** The number of statements in {@code sql}: semicolon-separated parts holding more than blanks and comments. */
    public static int count(String sql) {
        int statements = 0;
        boolean content = false;
        int length = sql.length();
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                i = newline < 0 ? length : newline + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else if (c == '\'' || c == '"') {
                content = true;
                i = afterQuoted(sql, i, c, c == '\'' && isEscapeStringPrefix(sql, i));
            } else if (c == '$' && (i == 0 || !isWordCharacter(sql.charAt(i - 1))) && dollarTagEnd(sql, i) > 0) {
                content = true;
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                i = close < 0 ? length : close + tag.length();
            } else if (c == ';') {
                if (content) {
                    statements++;
                }
                content = false;
                i++;
            } else {
                if (!Character.isWhitespace(c)) {
                    content = true;
                }
                i++;
            }
        }
        return content ? statements + 1 : statements;
    }

    /**
     * The index after a literal or identifier opened by {@code quote} at {@code start}; a doubled quote stays inside,
     * and so does a backslash-escaped one in an {@code E'...'} string.
     */
    private static int afterQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    /** True when the quote at {@code quote} opens an {@code E'...'} string: an {@code E} that starts a word. */
    private static boolean isEscapeStringPrefix(String sql, int quote) {
        if (quote == 0 || Character.toUpperCase(sql.charAt(quote - 1)) != 'E') {
            return false;
        }
        return quote == 1 || !isWordCharacter(sql.charAt(quote - 2));
    }

    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** The index after a dollar-quote tag ({@code $$} or {@code $name$}) starting at {@code start}, or -1. */
    private static int dollarTagEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '$') {
                return i + 1;
            }
            if (!isWordCharacter(c) || (i == start + 1 && Character.isDigit(c))) {
                return -1;
            }
            i++;
        }
        return -1;
    }
}

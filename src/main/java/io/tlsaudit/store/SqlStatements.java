package io.tlsaudit.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts the statements in a SQL text the way DuckDB's scanner splits them: at semicolons outside string literals
 * ({@code '...'}, {@code E'...'} with backslash escapes), quoted identifiers, dollar-quoted strings ({@code $$...$$},
 * {@code $tag$...$tag$}) and comments. DuckDB runs every statement of a text it is given, even when it is only asked to
 * prepare it (all but the last run at once), so a query meant to run one statement is checked first, before DuckDB
 * sees it. The scanner's identifier rule matters: letters, digits, {@code _}, {@code $} and every character from
 * U+0080 up continue an identifier, so {@code a$x$} or {@code «$x$} is an identifier, not the start of a dollar quote.
 * Where this count and DuckDB's could differ, this one counts more, never fewer.
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
                // A line comment ends at CR as well as LF.
                i += 2;
                while (i < length && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i = afterBlockComment(sql, i);
            } else if (c == '\'' || c == '"') {
                content = true;
                i = afterQuoted(sql, i, c, c == '\'' && isEscapeStringPrefix(sql, i));
            } else if (c == '$' && (i == 0 || !isIdentifierCharacter(sql.charAt(i - 1))) && dollarTagEnd(sql, i) > 0) {
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

    /** The index after the block comment opened at {@code start}; block comments nest, as in DuckDB's scanner. */
    private static int afterBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    /**
     * The first keyword of {@code sql}, upper-cased, after blanks, comments and opening parentheses; empty when there
     * is none.
     */
    public static String firstKeyword(String sql) {
        return keywords(sql, 1).stream().findFirst().orElse("");
    }

    /** The first {@code count} words of {@code sql} outside comments, upper-cased. */
    static List<String> keywords(String sql, int count) {
        List<String> words = new ArrayList<>();
        int length = sql.length();
        int i = 0;
        while (i < length && words.size() < count) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                while (i < length && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i = afterBlockComment(sql, i);
            } else if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                int start = i;
                while (i < length && isIdentifierCharacter(sql.charAt(i))) {
                    i++;
                }
                words.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
            } else {
                break;
            }
        }
        return words;
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
        return quote == 1 || !isIdentifierCharacter(sql.charAt(quote - 2));
    }

    /** What continues an identifier in DuckDB's scanner: ASCII letters and digits, {@code _}, {@code $}, U+0080 up. */
    private static boolean isIdentifierCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '$'
                || c >= 0x80;
    }

    /** What may stand in a dollar-quote tag: as an identifier, but no {@code $}. */
    private static boolean isTagCharacter(char c) {
        return c != '$' && isIdentifierCharacter(c);
    }

    /** The index after a dollar-quote tag ({@code $$} or {@code $name$}) starting at {@code start}, or -1. */
    private static int dollarTagEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '$') {
                return i + 1;
            }
            if (!isTagCharacter(c) || (i == start + 1 && c >= '0' && c <= '9')) {
                return -1;
            }
            i++;
        }
        return -1;
    }
}

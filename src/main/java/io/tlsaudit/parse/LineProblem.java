package io.tlsaudit.parse;

import static java.util.Objects.requireNonNull;

import io.tlsaudit.text.InertText;

/**
 * A line that could not be used, or was used with a caveat, located by file and 1-based line number. Every message
 * about bad input is built here so they read alike: what is wrong, and the offending value, capped because logs
 * hold personal data.
 *
 * @param file the file as it was named to the run
 * @param lineNumber 1-based physical line number; 0 for problems of the whole file
 * @param reason what is wrong and what was expected
 * @param excerpt the start of the offending line, control characters made visible, at most {@link #EXCERPT_LIMIT}
 */
public record LineProblem(String file, long lineNumber, String reason, String excerpt) {

    /** How much of an offending line a message quotes. */
    public static final int EXCERPT_LIMIT = 160;

    public LineProblem {
        requireNonNull(file, "file is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(excerpt, "excerpt is null");
    }

    /** A problem with one line; {@code rawLine} is capped and cleaned here. */
    public static LineProblem atLine(String file, long lineNumber, String reason, String rawLine) {
        return new LineProblem(file, lineNumber, reason, excerpt(rawLine));
    }

    /** A problem with a whole file (unreadable, wrong encoding, not a log). */
    public static LineProblem ofFile(String file, String reason) {
        return new LineProblem(file, 0, reason, "");
    }

    /**
     * {@code file:line: reason: "excerpt"}, the form printed to users. A file name is as hostile as a line, so the
     * whole message is made inert.
     */
    public String describe() {
        String where = lineNumber > 0 ? file + ":" + lineNumber : file;
        return InertText.of(
                excerpt.isEmpty() ? where + ": " + reason : where + ": " + reason + ": \"" + excerpt + "\"");
    }

    /** Caps a value for quoting in a message and replaces control characters so a terminal cannot be steered. */
    public static String excerpt(String raw) {
        if (raw == null) {
            return "";
        }
        int limit = Math.min(raw.length(), EXCERPT_LIMIT);
        String text = InertText.of(raw.substring(0, limit));
        return raw.length() > limit ? text + "…" : text;
    }
}

package io.tlsaudit.cli;

import io.tlsaudit.text.InertText;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Every line the commands print to stderr goes through here: messages quote file names, log excerpts and database
 * errors that echo stored values, all of which strangers control, so each line is made inert ({@link InertText})
 * and a crafted file name can neither steer the terminal nor forge a line of its own.
 */
final class ErrorOutput {

    private ErrorOutput() {}

    /**
     * Prints {@code message}; a message of several lines (DuckDB's errors point at the query with a caret) keeps its
     * lines, the ones after the first indented, so no line of it can pass for a message of its own.
     */
    static void println(PrintWriter err, String message) {
        String[] lines = message.split("\r?\n", -1);
        err.println(InertText.of(lines[0]));
        for (int i = 1; i < lines.length; i++) {
            err.println("  " + InertText.of(lines[i]));
        }
    }

    /** Prints a stack trace, its messages made inert, for {@code --verbose}. */
    static void printStackTrace(PrintWriter err, Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        String prefix = "";
        while (current != null && seen.add(current)) {
            println(err, prefix + current);
            for (StackTraceElement frame : current.getStackTrace()) {
                err.println("\tat " + InertText.of(frame.toString()));
            }
            prefix = "Caused by: ";
            current = current.getCause();
        }
    }
}

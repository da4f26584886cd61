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

    /** Prints {@code message} as one line. */
    static void println(PrintWriter err, String message) {
        err.println(InertText.of(message));
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

package io.tlsaudit.report;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * A report window with both ends closed, as the queries see it in {@code report_window}.
 *
 * @param since first instant inside, UTC
 * @param until first instant after, UTC; not before {@code since}
 */
public record WindowBounds(LocalDateTime since, LocalDateTime until) {
    public WindowBounds {
        requireNonNull(since, "since is null");
        requireNonNull(until, "until is null");
        if (until.isBefore(since)) {
            throw new IllegalArgumentException("the window ends at " + until + ", before it starts at " + since);
        }
    }

    /** The start of the period of the same length that ends where this one starts: the week before a week. */
    public LocalDateTime previousSince() {
        return since.minus(Duration.between(since, until));
    }
}

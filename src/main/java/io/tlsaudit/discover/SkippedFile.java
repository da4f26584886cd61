package io.tlsaudit.discover;

import static java.util.Objects.requireNonNull;

/**
 * A file under an ingested root that is not read, and why.
 *
 * @param problem true when the admin should act (unreadable, wrong encoding); false for files that are simply not
 *     logs tlsaudit reads (other Exchange logs, notes)
 */
public record SkippedFile(String displayName, String reason, boolean problem) {
    public SkippedFile {
        requireNonNull(displayName, "displayName is null");
        requireNonNull(reason, "reason is null");
    }
}

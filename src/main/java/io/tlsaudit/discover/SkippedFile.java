package io.tlsaudit.discover;

import static java.util.Objects.requireNonNull;

/**
 * A file or folder under an ingested root that is not read, and why.
 *
 * @param displayName the file, or the folder with a trailing separator, as messages name it
 * @param reason what is wrong with it, or why it is left out
 * @param kind what sort of reason it is: whether the admin should act, and whether data could not be read
 */
public record SkippedFile(String displayName, String reason, Kind kind) {

    public SkippedFile {
        requireNonNull(displayName, "displayName is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(kind, "kind is null");
    }

    /** Why a file is not read. */
    public enum Kind {
        /** Not a log tlsaudit reads: other Exchange logs, notes, empty files. */
        NOT_A_LOG,
        /** A copy of a log read under another name (same server, size and first kilobyte). */
        COPY,
        /** The same file or folder as one read under another path: a symbolic link, a hard link. */
        SAME_FILE,
        /** Left out by {@code --include} or {@code --exclude}. */
        EXCLUDED,
        /** A log in an encoding tlsaudit does not read (UTF-16). */
        WRONG_ENCODING,
        /** Permission denied, an I/O error, or gone (deleted or moved since it was found). */
        UNREADABLE,
        /** A symbolic link whose target does not exist. */
        BROKEN_LINK,
        /** A symbolic link to a folder that holds it, or a chain of links that ends where it began. */
        LINK_LOOP;

        /** True when the admin should act: the file holds logs that were not read. */
        public boolean problem() {
            return switch (this) {
                case NOT_A_LOG, COPY, SAME_FILE, EXCLUDED -> false;
                case WRONG_ENCODING, UNREADABLE, BROKEN_LINK, LINK_LOOP -> true;
            };
        }

        /**
         * True when the file or folder could not be read at all (as opposed to read and found not to be a log, or
         * in the wrong encoding): such a run completed with problems.
         */
        public boolean unreadable() {
            return switch (this) {
                case NOT_A_LOG, COPY, SAME_FILE, EXCLUDED, WRONG_ENCODING -> false;
                case UNREADABLE, BROKEN_LINK, LINK_LOOP -> true;
            };
        }
    }

    /** True when the admin should act (unreadable, wrong encoding, broken link); see {@link Kind#problem()}. */
    public boolean problem() {
        return kind.problem();
    }

    /** True when it could not be read at all; see {@link Kind#unreadable()}. */
    public boolean unreadable() {
        return kind.unreadable();
    }
}

package io.tlsaudit.parse;

import java.util.Optional;

/**
 * Where an earlier read of a file stopped, so a growing file is read on from there instead of again from the start:
 * the byte offset after its last complete line, the number of lines before it (line numbers continue), and the
 * header lines in force there (a {@code #Fields} or {@code #Log-type} line far above the offset still applies).
 *
 * @param byteOffset bytes already read; always at a line boundary
 * @param linesRead physical lines before {@code byteOffset}
 * @param fieldsLine the last {@code #Fields} line before the offset, as written
 * @param logTypeLine the last {@code #Log-type} line before the offset, as written (SMTP logs)
 */
public record ResumePoint(long byteOffset, long linesRead, Optional<String> fieldsLine, Optional<String> logTypeLine) {

    /** The start of a file. */
    public static final ResumePoint START = new ResumePoint(0, 0, Optional.empty(), Optional.empty());
}

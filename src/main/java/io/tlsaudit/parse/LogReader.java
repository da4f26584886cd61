package io.tlsaudit.parse;

import java.io.Closeable;
import java.util.Optional;

/**
 * What a log reader tells of its read, whatever the format: how far it got, what it found, and the header in force
 * where it stopped, for the file's ledger entry and for reading on from there next time.
 */
public interface LogReader extends Closeable {

    /** Bytes this reader covers: the file up to its last line terminator when it was opened. */
    long completeBytes();

    /** How far the read got through the file, and the checksum of what it read; final once the reader is at its end. */
    ReadProgress progress();

    /** Physical lines read so far, including those before a resume point. */
    long linesRead();

    /** Data rows returned so far. */
    long rowsRead();

    /** Lines skipped as unusable so far. */
    long linesRejected();

    /** The last {@code #Fields} line read or resumed with, as written (IIS: the directives it stands under). */
    Optional<String> fieldsLine();
}

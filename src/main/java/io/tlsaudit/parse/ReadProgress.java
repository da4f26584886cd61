package io.tlsaudit.parse;

import java.util.OptionalLong;

/**
 * How far a reader has got through its file, as the bytes underneath it count it. Meaningful once the reader is at
 * its end: fewer bytes than it set out to read means the file shrank during the read.
 */
public interface ReadProgress {

    /** Bytes of the file read so far, counted from its start (a read that began at an offset counts it too). */
    long bytesRead();

    /**
     * The CRC-32 of every byte read, for a read that began at the file's start; empty for one that began at an
     * offset, which did not see the bytes before it.
     */
    OptionalLong contentCrc();
}

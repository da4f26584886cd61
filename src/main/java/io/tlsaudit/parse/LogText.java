package io.tlsaudit.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The text of a log file as both readers need it: only its complete lines, UTF-8 without a byte-order mark, CRLF
 * turned into LF.
 *
 * @param reader the text; the caller closes it
 * @param completeBytes bytes up to and including the last line terminator when the file was opened: what the reader
 *     covers unless the file is truncated while it is read
 * @param progress the bytes the reader has consumed and their checksum
 */
public record LogText(Reader reader, long completeBytes, ReadProgress progress) {

    /**
     * Opens {@code file}.
     *
     * @param fileName how messages name the file
     * @throws IOException when the file cannot be read, or when it is UTF-16 encoded, which neither Exchange nor IIS
     *     writes
     */
    public static LogText open(Path file, String fileName) throws IOException {
        return open(file, fileName, 0);
    }

    /**
     * Opens {@code file} at {@code byteOffset}, a line boundary an earlier read stopped at.
     *
     * @throws IOException as {@link #open(Path, String)}, and when the file is now shorter than the offset
     */
    public static LogText open(Path file, String fileName, long byteOffset) throws IOException {
        long completeBytes = CompleteLines.completeLength(file);
        if (completeBytes < byteOffset) {
            throw new IOException(fileName + ": shorter than when it was last read");
        }
        CompleteLines.LimitedInputStream bytes = CompleteLines.open(file, completeBytes);
        if (byteOffset > 0) {
            bytes.skipNBytes(byteOffset);
        }
        Optional<InputStream> text = byteOffset > 0 ? Optional.of(bytes) : TextEncoding.skipUtf8Bom(bytes);
        if (text.isEmpty()) {
            bytes.close();
            throw new IOException(fileName + ": starts with a UTF-16 byte-order mark; expected UTF-8 (convert the file"
                    + " back to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8)");
        }
        // Invalid UTF-8 becomes U+FFFD and the line is reported: one bad byte must not cost the file.
        Reader reader = new LineFeedReader(new InputStreamReader(
                text.get(),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        return new LogText(reader, completeBytes, bytes);
    }
}

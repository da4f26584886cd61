package io.tlsaudit.discover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The directive lines at the top of a file ({@code #Software}, {@code #Log-type}, {@code #Date}), read from its first
 * few kilobytes so that any file in a share can be classified cheaply.
 *
 * @param software the {@code #Software:} value, empty when absent
 * @param logType the {@code #Log-type:} value, empty when absent
 * @param date the {@code #Date:} value, empty when absent
 * @param utf16 true when the file starts with a UTF-16 byte-order mark
 * @param headCrc CRC-32 of the first kilobyte, which together with server and size recognises copies of a file,
 *     whatever their names
 */
public record FileHeader(
        Optional<String> software, Optional<String> logType, Optional<String> date, boolean utf16, long headCrc) {

    private static final int SNIFF_BYTES = 16 * 1024;
    private static final int SNIFF_LINES = 40;

    /** Reads the header of {@code file}; never reads more than {@value #SNIFF_BYTES} bytes. */
    public static FileHeader read(Path file) throws IOException {
        try (InputStream input = Files.newInputStream(file)) {
            return read(input);
        }
    }

    /**
     * Reads the header from the start of {@code input} (an archive member), at most {@value #SNIFF_BYTES} bytes;
     * leaves the stream open.
     */
    public static FileHeader read(InputStream input) throws IOException {
        byte[] head = input.readNBytes(SNIFF_BYTES);
        long headCrc = FileHead.crc(head, head.length);
        if (head.length >= 2
                && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                        || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            return new FileHeader(Optional.empty(), Optional.empty(), Optional.empty(), true, headCrc);
        }
        int start =
                head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF ? 3 : 0;
        Optional<String> software = Optional.empty();
        Optional<String> logType = Optional.empty();
        Optional<String> date = Optional.empty();
        // Only directive lines are decoded: a share of thousands of files is classified by this loop.
        for (int line = 0; line < SNIFF_LINES && start < head.length; line++) {
            int end = start;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            if (end == head.length && head.length == SNIFF_BYTES) {
                break; // a line cut by the end of what was read
            }
            int stop = end > start && head[end - 1] == '\r' ? end - 1 : end;
            if (head[start] == '#') {
                String text = new String(head, start, stop - start, StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                if (colon >= 0) {
                    String keyword = text.substring(1, colon).trim().toLowerCase(Locale.ROOT);
                    String value = text.substring(colon + 1).trim();
                    switch (keyword) {
                        case "software" -> software = software.or(() -> Optional.of(value));
                        case "log-type" -> logType = logType.or(() -> Optional.of(value));
                        case "date" -> date = date.or(() -> Optional.of(value));
                        default -> {
                            // #Version and #Fields are read by the format's own reader
                        }
                    }
                }
            }
            start = end + 1;
        }
        return new FileHeader(software, logType, date, false, headCrc);
    }

    /** True for a header written by Exchange. */
    public boolean isExchange() {
        return software.map(s -> s.toLowerCase(Locale.ROOT).contains("exchange"))
                .orElse(false);
    }

    /** True for a header written by IIS. */
    public boolean isIis() {
        return software.map(s -> s.toLowerCase(Locale.ROOT).contains("internet information services"))
                .orElse(false);
    }

    /** True for an Exchange SMTP Send or Receive protocol log. */
    public boolean isSmtpProtocolLog() {
        return isExchange()
                && logType.map(t -> t.toLowerCase(Locale.ROOT).startsWith("smtp ")
                                && t.toLowerCase(Locale.ROOT).endsWith(" protocol log"))
                        .orElse(false);
    }
}

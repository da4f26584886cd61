package io.tlsaudit.parse.smtp;

import java.util.Locale;
import java.util.Optional;

/**
 * Splits the single-row certificate layout (layout (c) in docs/log-formats.md, 'Certificate layouts'): every
 * attribute space-separated in {@code data}.
 * The record cannot be split reliably, so only what is unambiguous is taken: the thumbprint is the 40-hex-digit
 * token; the serial number is the hex token before it; the subject and issuer are the text before the serial,
 * divided where the second distinguished name begins with {@code CN=}.
 *
 * @param subject the first distinguished name, empty when it cannot be told apart
 * @param issuer the second distinguished name, empty when it cannot be told apart
 * @param thumbprint the 40-hex-digit thumbprint, empty when absent
 */
public record SingleRowCertificate(Optional<String> subject, Optional<String> issuer, Optional<String> thumbprint) {

    /**
     * Parses a {@code data} value; never throws. The tokens are the space-separated words of the trimmed text, found
     * by index: this runs for the certificate of most Receive connections, and splitting it into an array of Strings
     * cost more than all else the reader does with such a row.
     */
    public static SingleRowCertificate parse(String data) {
        String text = data.trim();
        Tokens tokens = new Tokens(text);
        int thumbprint = -1;
        while (tokens.next()) {
            if (tokens.length() == 40 && tokens.isHex()) {
                thumbprint = tokens.start();
                break;
            }
        }
        if (thumbprint < 0) {
            return new SingleRowCertificate(Optional.empty(), Optional.empty(), Optional.empty());
        }
        int beforeThumbprint = tokens.previousStart();
        int thumbprintEnd = tokens.end();
        // A 20-byte serial number is 40 hex digits too; the thumbprint is the one after it.
        if (tokens.next() && tokens.length() == 40 && tokens.isHex()) {
            beforeThumbprint = thumbprint;
            thumbprint = tokens.start();
            thumbprintEnd = tokens.end();
        }
        int namesEnd = thumbprint - 1; // the space before the thumbprint; -1 when it is the first token
        if (beforeThumbprint >= 0 && isHex(text, beforeThumbprint, namesEnd)) {
            namesEnd = beforeThumbprint - 1; // the serial number
        }
        String names = namesEnd <= 0 ? "" : text.substring(0, namesEnd);
        int issuerStart = issuerStart(names);
        Optional<String> subject;
        Optional<String> issuer;
        if (issuerStart > 0) {
            subject = Optional.of(names.substring(0, issuerStart).trim());
            issuer = Optional.of(names.substring(issuerStart + 1).trim());
        } else {
            subject = names.isBlank() ? Optional.empty() : Optional.of(names.trim());
            issuer = Optional.empty();
        }
        return new SingleRowCertificate(
                subject,
                issuer,
                Optional.of(text.substring(thumbprint, thumbprintEnd).toUpperCase(Locale.ROOT)));
    }

    /** The words between single spaces of a text, empty ones where spaces are doubled, as a cursor. */
    private static final class Tokens {
        private final String text;
        private int start = -1;
        private int end = -1;
        private int previousStart = -1;

        Tokens(String text) {
            this.text = text;
        }

        /** Moves to the next word; false after the last. */
        boolean next() {
            if (end >= text.length()) {
                return false;
            }
            previousStart = start;
            start = end + 1;
            int space = text.indexOf(' ', start);
            end = space < 0 ? text.length() : space;
            return true;
        }

        int start() {
            return start;
        }

        int end() {
            return end;
        }

        int length() {
            return end - start;
        }

        /** Where the word before this one starts; -1 for the first. */
        int previousStart() {
            return previousStart;
        }

        boolean isHex() {
            return SingleRowCertificate.isHex(text, start, end);
        }
    }

    /** Where the issuer's {@code CN=} begins: one not inside the subject, where it would follow a comma. */
    private static int issuerStart(String names) {
        int from = 1;
        while (true) {
            int at = names.indexOf(" CN=", from);
            if (at < 0 || names.charAt(at - 1) != ',') {
                return at;
            }
            from = at + 1;
        }
    }

    private static boolean isHex(String text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}

package io.tlsaudit.parse.smtp;

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

    /** Parses a {@code data} value; never throws. */
    public static SingleRowCertificate parse(String data) {
        String[] tokens = data.trim().split(" ");
        int thumbprintIndex = -1;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].length() == 40 && isHex(tokens[i])) {
                thumbprintIndex = i;
                break;
            }
        }
        if (thumbprintIndex < 0) {
            return new SingleRowCertificate(Optional.empty(), Optional.empty(), Optional.empty());
        }
        // A 20-byte serial number is 40 hex digits too; the thumbprint is the one after it.
        if (thumbprintIndex + 1 < tokens.length
                && tokens[thumbprintIndex + 1].length() == 40
                && isHex(tokens[thumbprintIndex + 1])) {
            thumbprintIndex++;
        }
        int namesEnd = thumbprintIndex;
        if (namesEnd > 0 && isHex(tokens[namesEnd - 1])) {
            namesEnd--; // the serial number
        }
        String names = String.join(" ", java.util.Arrays.asList(tokens).subList(0, namesEnd));
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
                subject, issuer, Optional.of(tokens[thumbprintIndex].toUpperCase(java.util.Locale.ROOT)));
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

    private static boolean isHex(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (Character.digit(token.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}

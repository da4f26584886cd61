package io.tlsaudit.parse;

import java.util.Optional;

/**
 * Reads the two TLS result texts of Exchange protocol logs (docs/log-formats.md, 'TLS result line' and 'TLS failure
 * line'): the negotiated-parameters line and the failure line. Callers test {@link #mayBeResult} first so the
 * template is only read on the one row per connection that can hold a result.
 */
public final class TlsResultLine {

    private static final String SUCCESS_PREFIX = "TLS protocol ";
    private static final String FAILURE_PREFIX = "TLS negotiation failed with error ";

    // The template, with the protocol slot {0} and the value slots between the fixed texts. Every documented variant
    // fits it: names, decimal values, None, Zero, the SP_PROT- spelling. Read by hand rather than by a regular
    // expression (it was "^TLS protocol (.+?) negotiation succeeded using bulk encryption algorithm (\S+) with
    // strength (\d{1,6}) bits, ...$", and matches exactly what that did): it runs once per connection, and the
    // expression cost a tenth of the whole SMTP parse.
    private static final String AFTER_PROTOCOL = " negotiation succeeded using bulk encryption algorithm ";
    private static final String STRENGTH = " with strength ";
    private static final String AFTER_CIPHER_BITS = " bits, MAC hash algorithm ";
    private static final String AFTER_MAC_BITS = " bits and key exchange algorithm ";
    private static final String AFTER_KEY_EXCHANGE_BITS = " bits";

    private TlsResultLine() {}

    /** Cheap pre-check on a {@code context} value: can it be a success or failure line at all? */
    public static boolean mayBeResult(String context) {
        return context.startsWith("TLS ");
    }

    /** The parameters of a success line, or empty when the text is not one. */
    public static Optional<TlsNegotiation> parseSuccess(String context) {
        if (!context.startsWith(SUCCESS_PREFIX)) {
            return Optional.empty();
        }
        int protocolStart = SUCCESS_PREFIX.length();
        // The protocol text is the shortest non-empty one after which the rest of the template matches.
        for (int at = context.indexOf(AFTER_PROTOCOL, protocolStart + 1);
                at >= 0;
                at = context.indexOf(AFTER_PROTOCOL, at + 1)) {
            if (hasLineTerminator(context, protocolStart, at)) {
                return Optional.empty(); // so would every later candidate
            }
            TlsNegotiation negotiation = parseAfterProtocol(context, context.substring(protocolStart, at), at);
            if (negotiation != null) {
                return Optional.of(negotiation);
            }
        }
        return Optional.empty();
    }

    /** The rest of the template after the protocol text, which ends at {@code at}; null when it does not match. */
    private static TlsNegotiation parseAfterProtocol(String text, String protocolText, int at) {
        Slots slots = new Slots(text, at);
        if (!slots.literal(AFTER_PROTOCOL)) {
            return null;
        }
        String cipher = slots.word();
        int cipherBits = slots.literal(STRENGTH) ? slots.number() : -1;
        if (cipher == null || cipherBits < 0 || !slots.literal(AFTER_CIPHER_BITS)) {
            return null;
        }
        String mac = slots.word();
        int macBits = slots.literal(STRENGTH) ? slots.number() : -1;
        if (mac == null || macBits < 0 || !slots.literal(AFTER_MAC_BITS)) {
            return null;
        }
        String keyExchange = slots.word();
        int keyExchangeBits = slots.literal(STRENGTH) ? slots.number() : -1;
        if (keyExchange == null || keyExchangeBits < 0 || !slots.literal(AFTER_KEY_EXCHANGE_BITS) || !slots.atEnd()) {
            return null;
        }
        return new TlsNegotiation(
                TlsProtocol.fromExchangeText(protocolText),
                protocolText,
                CryptoAlgorithm.fromExchangeText(cipher),
                cipherBits,
                CryptoAlgorithm.fromExchangeText(mac),
                macBits,
                CryptoAlgorithm.fromExchangeText(keyExchange),
                keyExchangeBits);
    }

    /** What {@code .} of a regular expression does not match. */
    private static boolean hasLineTerminator(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** A cursor over the value slots of the template. */
    private static final class Slots {
        private final String text;
        private int position;

        Slots(String text, int position) {
            this.text = text;
            this.position = position;
        }

        boolean literal(String expected) {
            if (!text.startsWith(expected, position)) {
                return false;
            }
            position += expected.length();
            return true;
        }

        /** One or more characters other than ASCII white space ({@code \S+}); null when there is none. */
        String word() {
            int start = position;
            while (position < text.length() && !isAsciiWhitespace(text.charAt(position))) {
                position++;
            }
            return position == start ? null : text.substring(start, position);
        }

        /** One to six ASCII digits ({@code \d{1,6}}); -1 when there are none or more. */
        int number() {
            int start = position;
            int value = 0;
            while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
                value = value * 10 + (text.charAt(position) - '0');
                position++;
                if (position - start > 6) {
                    return -1;
                }
            }
            return position == start ? -1 : value;
        }

        boolean atEnd() {
            return position == text.length();
        }

        private static boolean isAsciiWhitespace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        }
    }

    /**
     * The error name of a failure line ({@code SocketError}, {@code UnknownCredentials}, ...), verbatim, or empty
     * when the text is not one.
     */
    public static Optional<String> parseFailure(String context) {
        if (!context.startsWith(FAILURE_PREFIX)) {
            return Optional.empty();
        }
        String rest = context.substring(FAILURE_PREFIX.length()).trim();
        int end = rest.indexOf(' ');
        String error = end < 0 ? rest : rest.substring(0, end);
        return Optional.of(error.isEmpty() ? "unknown" : error);
    }

    /**
     * True for a text that starts like a success line but does not match its template (truncated, garbled): a broken
     * line that must be reported and must not produce a result.
     */
    public static boolean looksLikeBrokenSuccess(String context) {
        return context.startsWith(SUCCESS_PREFIX) && parseSuccess(context).isEmpty();
    }
}

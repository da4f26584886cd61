package io.tlsaudit.parse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two TLS result texts of Exchange protocol logs (docs/log-formats.md, 'TLS result line' and 'TLS failure
 * line'): the negotiated-parameters line and the failure line. Callers test {@link #mayBeResult} first so the regular
 * expression only ever runs on the one row per connection that can hold a result.
 */
public final class TlsResultLine {

    private static final String SUCCESS_PREFIX = "TLS protocol ";
    private static final String FAILURE_PREFIX = "TLS negotiation failed with error ";

    // Anchored and tolerant of every documented variant: names, decimal values, None, Zero, the SP_PROT- spelling.
    private static final Pattern SUCCESS = Pattern.compile("^TLS protocol (.+?) negotiation succeeded using bulk"
            + " encryption algorithm (\\S+) with strength (\\d{1,6}) bits, MAC hash algorithm (\\S+) with strength"
            + " (\\d{1,6}) bits and key exchange algorithm (\\S+) with strength (\\d{1,6}) bits$");

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
        Matcher matcher = SUCCESS.matcher(context);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String protocolText = matcher.group(1);
        return Optional.of(new TlsNegotiation(
                TlsProtocol.fromExchangeText(protocolText),
                protocolText,
                CryptoAlgorithm.fromExchangeText(matcher.group(2)),
                Integer.parseInt(matcher.group(3)),
                CryptoAlgorithm.fromExchangeText(matcher.group(4)),
                Integer.parseInt(matcher.group(5)),
                CryptoAlgorithm.fromExchangeText(matcher.group(6)),
                Integer.parseInt(matcher.group(7))));
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

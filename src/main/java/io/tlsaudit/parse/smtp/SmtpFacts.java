package io.tlsaudit.parse.smtp;

import io.tlsaudit.parse.TextRepair;
import io.tlsaudit.parse.TlsNegotiation;
import io.tlsaudit.parse.TlsResultLine;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@link SmtpFact} of a row from its bytes, and the values facts carry from their decoded text. The tests
 * on every row are prefix comparisons of a few ASCII bytes; text is decoded only for the rows that can hold a value
 * a connection keeps, and a TLS result line (one per connection, a handful of distinct ones per file) only the first
 * time it appears. One instance per reader; not thread-safe. Keywords compare ASCII case-insensitively where SMTP
 * says so (commands) and exactly where Exchange writes fixed text (information rows), as they always did.
 */
final class SmtpFacts {

    static final byte[] STARTTLS = ascii("STARTTLS");
    private static final byte[] EHLO = ascii("EHLO ");
    private static final byte[] HELO = ascii("HELO ");
    private static final byte[] ANONYMOUS_TLS = ascii("X-ANONYMOUSTLS");
    private static final byte[] MAIL_FROM = ascii("MAIL FROM:");
    private static final byte[] AUTH = ascii("AUTH ");
    private static final byte[] REPLY_250 = ascii("250");
    private static final byte[] REPLY_220 = ascii("220 ");
    private static final byte[] TLS = ascii("TLS ");
    private static final byte[] CERTIFICATE = ascii("Certificate ");
    private static final byte[] CERTIFICATE_SUBJECT = ascii("Certificate subject");
    private static final byte[] CERTIFICATE_ISSUER = ascii("Certificate issuer name");
    private static final byte[] CERTIFICATE_THUMBPRINT = ascii("Certificate thumbprint");
    private static final byte[] SENDING_CERTIFICATE = ascii("Sending certificate");
    private static final byte[] REMOTE_CERTIFICATE = ascii("Remote certificate");
    private static final byte[] RECEIVED_CERTIFICATE = ascii("Received certificate");
    private static final byte[] VALIDATED_CERTIFICATE = ascii("Validated received certificate");
    private static final byte[] USER_NAME = ascii("User Name: ");
    private static final byte[] INBOUND_AUTH = ascii("Inbound AUTH");
    private static final byte[] OUTBOUND_AUTH = ascii("Outbound Authentication");
    private static final byte[] FAILED = ascii("failed");
    private static final byte[] ATTEMPTING_TO_CONNECT = ascii("attempting to connect");
    private static final byte[] FAILED_TO_CONNECT = ascii("Failed to connect");

    /** The TLS result lines of the file: a handful of distinct ones, each read once. */
    private final RecentTexts<TlsText> tlsTexts = new RecentTexts<>(32, SmtpFacts::readTlsText);

    /**
     * Sets the fact of a row whose event, data and context are set.
     *
     * @param direction the log's direction; null when its {@code #Log-type} named none
     */
    void classify(
            SmtpRecord row, byte[] bytes, int[] starts, int[] ends, SmtpFieldLayout layout, SmtpDirection direction) {
        int dataStart = starts[layout.data];
        int dataEnd = ends[layout.data];
        switch (row.event()) {
            case CONNECT -> row.fact(SmtpFact.CONNECT);
            case DISCONNECT -> row.fact(SmtpFact.DISCONNECT);
            case INFORMATION ->
                classifyInformation(row, bytes, dataStart, dataEnd, starts[layout.context], ends[layout.context]);
            case SENT, RECEIVED -> {
                if (direction == null) {
                    row.fact(SmtpFact.UNATTRIBUTED_LINE);
                } else {
                    // Exchange is the server on Receive logs and the client on Send logs.
                    boolean client = (direction == SmtpDirection.RECEIVE) == (row.event() == SmtpEvent.RECEIVED);
                    row.fact(client ? command(bytes, dataStart, dataEnd) : reply(bytes, dataStart, dataEnd));
                }
            }
        }
    }

    private static SmtpFact command(byte[] bytes, int from, int to) {
        if (startsWithIgnoreCase(bytes, from, to, EHLO) || startsWithIgnoreCase(bytes, from, to, HELO)) {
            return SmtpFact.HELLO;
        }
        if (equalsIgnoreCase(bytes, from, to, STARTTLS)) {
            return SmtpFact.STARTTLS;
        }
        if (equalsIgnoreCase(bytes, from, to, ANONYMOUS_TLS)) {
            return SmtpFact.ANONYMOUS_TLS;
        }
        if (startsWithIgnoreCase(bytes, from, to, MAIL_FROM)) {
            return SmtpFact.MAIL_FROM;
        }
        if (startsWithIgnoreCase(bytes, from, to, AUTH)) {
            return SmtpFact.AUTH;
        }
        return SmtpFact.OTHER_COMMAND;
    }

    private static SmtpFact reply(byte[] bytes, int from, int to) {
        if (startsWith(bytes, from, to, REPLY_250)) {
            return SmtpFact.REPLY_250;
        }
        if (startsWith(bytes, from, to, REPLY_220)) {
            return SmtpFact.REPLY_220;
        }
        // 454 4.7.0 TLS not available due to local problem
        boolean refusal = to - from >= 3
                && (bytes[from] == '4' || bytes[from] == '5')
                && isDigit(bytes[from + 1])
                && isDigit(bytes[from + 2]);
        return refusal ? SmtpFact.REFUSAL : SmtpFact.OTHER_REPLY;
    }

    private void classifyInformation(SmtpRecord row, byte[] bytes, int dataStart, int dataEnd, int from, int to) {
        if (equalsIgnoreCase(bytes, from, to, ATTEMPTING_TO_CONNECT)) {
            row.fact(SmtpFact.CONNECT_ATTEMPT);
        } else if (startsWithIgnoreCase(bytes, from, to, FAILED_TO_CONNECT)) {
            row.fact(SmtpFact.CONNECT_FAILED);
        } else if (startsWith(bytes, from, to, TLS)) {
            row.tlsText(tlsTexts.of(bytes, from, to)); // a handful of distinct lines per file
        } else if (startsWith(bytes, from, to, CERTIFICATE)) {
            CertificateField field = certificateField(bytes, from, to);
            if (field == null || dataStart == dataEnd) {
                row.fact(SmtpFact.OTHER_INFORMATION); // serial numbers, alternate names, empty values
            } else {
                row.certificateField(field);
            }
        } else if (startsWith(bytes, from, to, SENDING_CERTIFICATE)) {
            row.certificateRole(CertificateRole.LOCAL);
        } else if (startsWith(bytes, from, to, REMOTE_CERTIFICATE)
                || startsWith(bytes, from, to, RECEIVED_CERTIFICATE)
                || startsWith(bytes, from, to, VALIDATED_CERTIFICATE)) {
            row.certificateRole(CertificateRole.PEER);
        } else if (startsWith(bytes, from, to, USER_NAME)) {
            row.fact(SmtpFact.USER_NAME);
        } else if ((startsWith(bytes, from, to, INBOUND_AUTH) || startsWith(bytes, from, to, OUTBOUND_AUTH))
                && indexOf(bytes, from, to, FAILED) >= 0) {
            row.fact(SmtpFact.AUTH_FAILED);
        } else {
            row.fact(SmtpFact.OTHER_INFORMATION);
        }
    }

    /** What a {@code TLS ...} context says: its fact, with the negotiation or the error when it has one. */
    record TlsText(SmtpFact fact, TlsNegotiation negotiation, String error) {}

    static TlsText readTlsText(String context) {
        Optional<TlsNegotiation> success = TlsResultLine.parseSuccess(context);
        if (success.isPresent()) {
            return new TlsText(SmtpFact.TLS_SUCCESS, success.get(), null);
        }
        Optional<String> failure = TlsResultLine.parseFailure(context);
        if (failure.isPresent()) {
            return new TlsText(SmtpFact.TLS_FAILURE, null, failure.get());
        }
        SmtpFact fact =
                TlsResultLine.looksLikeBrokenSuccess(context) ? SmtpFact.TLS_BROKEN : SmtpFact.OTHER_INFORMATION;
        return new TlsText(fact, null, null);
    }

    private static CertificateField certificateField(byte[] bytes, int from, int to) {
        if (equals(bytes, from, to, CERTIFICATE_SUBJECT)) {
            return CertificateField.SUBJECT;
        }
        if (equals(bytes, from, to, CERTIFICATE_ISSUER)) {
            return CertificateField.ISSUER;
        }
        if (equals(bytes, from, to, CERTIFICATE_THUMBPRINT)) {
            return CertificateField.THUMBPRINT;
        }
        return null;
    }

    // ---- values, from decoded text: only for rows whose value a connection keeps ----

    static String helloName(String data) {
        return TextRepair.undoLatin1Mojibake(data.substring(EHLO.length).strip());
    }

    /** The lower-cased domain of {@code MAIL FROM:<user@domain> ...}; null for the null sender or no domain. */
    static String senderDomain(String data) {
        int open = data.indexOf('<');
        int close = open < 0 ? -1 : data.indexOf('>', open);
        String address = open < 0
                ? data.substring(MAIL_FROM.length).strip()
                : close < 0 ? data.substring(open + 1) : data.substring(open + 1, close);
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return null;
        }
        String domain = address.substring(at + 1);
        int space = domain.indexOf(' ');
        if (space >= 0) {
            domain = domain.substring(0, space);
        }
        return TextRepair.undoLatin1Mojibake(domain).toLowerCase(Locale.ROOT);
    }

    static String authMechanism(String data) {
        String mechanism = data.substring(AUTH.length).strip();
        int space = mechanism.indexOf(' ');
        return space < 0 ? mechanism : mechanism.substring(0, space);
    }

    /** The host named after a {@code 220 }/{@code 250 }/{@code 250-} code, or null when the text names none. */
    static String hostAfterReplyCode(String data) {
        if (data.length() <= 4) {
            return null;
        }
        String rest = data.substring(4).strip();
        int space = rest.indexOf(' ');
        String host = space < 0 ? rest : rest.substring(0, space);
        // "220 2.0.0 SMTP server ready" after STARTTLS and capability lines ("250-SIZE") name no host.
        if (host.isEmpty() || Character.isDigit(host.charAt(0)) || host.indexOf('.') < 0) {
            return null;
        }
        return TextRepair.undoLatin1Mojibake(host);
    }

    /** The reply code with its enhanced status code when there is one: {@code 454 4.7.0}. */
    static String replyCode(String data) {
        String[] words = data.split(" ", 3);
        boolean enhanced = words.length > 1 && words[1].matches("[245]\\.\\d{1,3}\\.\\d{1,3}");
        return enhanced ? words[0] + " " + words[1] : data.substring(0, 3);
    }

    static String userName(String context) {
        return context.substring(USER_NAME.length).strip();
    }

    static String certificateValue(String data, CertificateField field) {
        String value = data.strip();
        // Hex thumbprints in one case; masked ones (xxxx...) as written.
        return field == CertificateField.THUMBPRINT && isHex(value) ? value.toUpperCase(Locale.ROOT) : value;
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    // ---- byte comparisons ----

    /** True when {@code token} stands in the range delimited by spaces, a dash before it, or the ends. */
    static boolean containsToken(byte[] bytes, int from, int to, byte[] token) {
        int at = from;
        while ((at = indexOf(bytes, at, to, token)) >= 0) {
            int end = at + token.length;
            boolean startOk = at == from || bytes[at - 1] == ' ' || bytes[at - 1] == '-';
            boolean endOk = end == to || bytes[end] == ' ';
            if (startOk && endOk) {
                return true;
            }
            at++;
        }
        return false;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte[] token) {
        byte first = token[0];
        for (int i = from; i <= to - token.length; i++) {
            if (bytes[i] == first && startsWith(bytes, i, to, token)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean equals(byte[] bytes, int from, int to, byte[] text) {
        return to - from == text.length && startsWith(bytes, from, to, text);
    }

    /** {@code prefix} is ASCII; the case of letters is ignored. */
    private static boolean startsWithIgnoreCase(byte[] bytes, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (toUpper(bytes[from + i]) != toUpper(prefix[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreCase(byte[] bytes, int from, int to, byte[] text) {
        return to - from == text.length && startsWithIgnoreCase(bytes, from, to, text);
    }

    private static int toUpper(byte b) {
        return b >= 'a' && b <= 'z' ? b - ('a' - 'A') : b;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package io.tlsaudit.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes IIS W3C log files for tests as IIS does (UTF-8 without BOM, CRLF, {@code -} for empty values, {@code +} for
 * spaces in the user agent), with Microsoft's recommended {@code crypt-*} fields (docs/log-formats.md, 'IIS W3C logs')
 * or without them.
 */
public final class IisLogFiles {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String STANDARD_FIELDS = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port"
            + " cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";
    private static final String CRYPT_FIELDS = " crypt-protocol crypt-cipher crypt-hash crypt-keyexchange";

    /** The four {@code crypt-*} values of a request, in IIS's hexadecimal form ({@code 400 6610 800d ae06}). */
    public record Crypto(String protocol, String cipher, String hash, String keyExchange) {
        public static final Crypto TLS12 = new Crypto("400", "6610", "800d", "ae06");
        public static final Crypto TLS12_CBC_SHA1 = new Crypto("400", "660e", "8004", "ae06");
        public static final Crypto TLS11 = new Crypto("100", "6610", "8004", "ae06");
        public static final Crypto TLS10 = new Crypto("40", "6610", "8004", "ae06");
        public static final Crypto TLS10_3DES_RSA = new Crypto("40", "6603", "8004", "a400");
        public static final Crypto SSL3_RC4_MD5 = new Crypto("10", "6801", "8003", "a400");
        /** Plain HTTP: all four fields {@code -}. */
        public static final Crypto NONE = new Crypto("-", "-", "-", "-");
    }

    /**
     * One logged request. {@code username} and {@code userAgent} may be null ({@code -}).
     *
     * @param crypto the TLS values, or null in a file without the {@code crypt-*} fields
     */
    public record Request(
            LocalDateTime at, String uriStem, String username, String clientIp, String userAgent, Crypto crypto) {
        public Request {
            requireNonNull(at, "at is null");
            requireNonNull(uriStem, "uriStem is null");
            requireNonNull(clientIp, "clientIp is null");
        }

        String line(boolean withCrypto) {
            String agent = userAgent == null ? "-" : userAgent.replace(' ', '+');
            String line = DATE_TIME.format(at) + " 10.0.0.11 GET " + uriStem + " - 443 " + dash(username) + " "
                    + clientIp + " " + agent + " - 200 0 0 15";
            return withCrypto
                    ? line + " " + crypto.protocol() + " " + crypto.cipher() + " " + crypto.hash() + " "
                            + crypto.keyExchange()
                    : line;
        }

        private static String dash(String value) {
            return value == null ? "-" : value;
        }
    }

    private IisLogFiles() {}

    /** Writes {@code requests} under one header block, with the {@code crypt-*} fields when {@code withCrypto}. */
    public static Path write(Path file, boolean withCrypto, List<Request> requests) {
        StringBuilder text = new StringBuilder();
        text.append("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n");
        text.append("#Date: ").append(DATE_TIME.format(requests.get(0).at())).append("\r\n");
        text.append("#Fields: ")
                .append(STANDARD_FIELDS)
                .append(withCrypto ? CRYPT_FIELDS : "")
                .append("\r\n");
        for (Request request : requests) {
            text.append(request.line(withCrypto)).append("\r\n");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}

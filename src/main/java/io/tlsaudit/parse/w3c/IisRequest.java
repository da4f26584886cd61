package io.tlsaudit.parse.w3c;

import static java.util.Objects.requireNonNull;

/**
 * One request line of an IIS W3C log, decoded: {@code -} is null, {@code +} in the user agent a space, TLS values
 * in the vocabulary of {@code smtp_sessions}. TLS values are null on plain HTTP and when the file does not log them
 * ({@link #tlsLogged()} tells which).
 *
 * @param lineNumber 1-based line in its file
 * @param epochMicros {@code date} + {@code time}, UTC; without {@code date}, dated by {@code #Date}
 * @param clientIp the original client: the first address of X-Forwarded-For (or a configured field) when that is an
 *     IP address, else {@code c-ip}; without brackets or port; null when {@code c-ip} is {@code -}
 * @param proxyIp {@code c-ip} when a forwarded-for field named another client, else null
 * @param forwardedInvalid a forwarded-for field held something other than an IP address, which was not taken as the
 *     client; false when the field is absent or {@code -}
 * @param uriStem {@code cs-uri-stem}, null when absent or {@code -}
 * @param serverPort {@code s-port}, or -1 when absent
 * @param status {@code sc-status}, or -1 when absent
 * @param legacyTls true for a protocol older than TLS 1.2, false for TLS 1.2 or newer, null when none is known
 * @param probe a Managed Availability probe or a request from the server itself
 */
public record IisRequest(
        long lineNumber,
        long epochMicros,
        String clientIp,
        String proxyIp,
        boolean forwardedInvalid,
        String username,
        String userAgent,
        ClientProtocol clientProtocol,
        String method,
        String uriStem,
        int serverPort,
        int status,
        boolean tlsLogged,
        String tlsProtocol,
        Boolean legacyTls,
        String cipher,
        String mac,
        String keyExchange,
        boolean probe) {

    public IisRequest {
        requireNonNull(clientProtocol, "clientProtocol is null");
    }
}

package io.tlsaudit.assemble;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;

/**
 * Identical requests of one client within one hour, as the {@code iis_requests} table stores them. Keep-alive
 * connections repeat the same TLS values on every request (docs/log-formats.md, 'IIS crypt-* fields'), so grouping
 * keeps a month of a busy server small without losing who used what when. Nullable components are those the log may
 * not hold.
 *
 * @param firstAt the first request of the group, UTC
 * @param lastAt the last request of the group, UTC
 * @param clientIp the client address, null when the log has none ({@code c-ip} of {@code -})
 * @param forwardedInvalid the forwarded-for field held something other than an IP address (see {@code IisRequest})
 * @param uriStem the path, null when the log has none
 * @param requests how many requests the group stands for
 */
public record IisRequestGroup(
        String server,
        String site,
        LocalDateTime firstAt,
        LocalDateTime lastAt,
        String clientIp,
        String proxyIp,
        boolean forwardedInvalid,
        String username,
        String userAgent,
        String clientProtocol,
        String method,
        String uriStem,
        Integer serverPort,
        Integer status,
        boolean tlsLogged,
        String tlsProtocol,
        Boolean legacyTls,
        String cipher,
        String mac,
        String keyExchange,
        boolean probe,
        long requests,
        String sourceFile) {

    public IisRequestGroup {
        requireNonNull(server, "server is null");
        requireNonNull(site, "site is null");
        requireNonNull(firstAt, "firstAt is null");
        requireNonNull(lastAt, "lastAt is null");
        requireNonNull(clientProtocol, "clientProtocol is null");
        requireNonNull(sourceFile, "sourceFile is null");
    }
}

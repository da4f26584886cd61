-- Which peers still negotiate TLS 1.0, TLS 1.1 or SSL, and which of them would break if legacy TLS were switched
-- off? One row per direction and remote address with at least one legacy connection. legacy_only means the peer
-- never negotiated TLS 1.2 or newer: once legacy TLS is disabled it cannot connect over TLS at all and either fails
-- or, where the connector allows it, falls back to plaintext. Sorted by impact: legacy-only peers first, then by
-- the number of legacy connections.
SELECT
    direction,
    coalesce(remote_ip, '(not logged)') AS remote_ip,
    string_agg(DISTINCT peer_name, ', ' ORDER BY peer_name) AS peer_names,
    string_agg(DISTINCT server, ', ' ORDER BY server) AS servers,
    string_agg(DISTINCT connector, ', ' ORDER BY connector) AS connectors,
    count(*) AS connections,
    count(*) FILTER (WHERE legacy_tls) AS legacy_connections,
    string_agg(DISTINCT tls_protocol, ', ' ORDER BY tls_protocol) AS protocols,
    string_agg(DISTINCT cipher || '/' || mac || '/' || key_exchange, ', ' ORDER BY cipher || '/' || mac || '/' || key_exchange)
        AS ciphers,
    min(started_at) AS first_seen,
    max(started_at) AS last_seen,
    NOT coalesce(bool_or(NOT legacy_tls), false) AS legacy_only
FROM smtp_sessions
GROUP BY direction, remote_ip
HAVING count(*) FILTER (WHERE legacy_tls) > 0
ORDER BY legacy_only DESC, legacy_connections DESC, direction, remote_ip;

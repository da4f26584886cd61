-- Which TLS handshakes failed, and with which error? One row per direction and Schannel/Exchange error name
-- (SocketError, UnknownCredentials, NoCredentials, ...), with the peers involved.
SELECT
    direction,
    tls_error,
    count(*) AS connections,
    count(DISTINCT remote_ip) AS peers,
    string_agg(DISTINCT coalesce(remote_ip, '(not logged)'), ', ' ORDER BY coalesce(remote_ip, '(not logged)')) AS remote_ips,
    string_agg(DISTINCT server, ', ' ORDER BY server) AS servers,
    string_agg(DISTINCT connector, ', ' ORDER BY connector) AS connectors,
    min(started_at) AS first_seen,
    max(started_at) AS last_seen
FROM smtp_sessions
WHERE tls_outcome = 'failed'
GROUP BY direction, tls_error
ORDER BY connections DESC, direction, tls_error;

-- Which TLS handshakes failed, and with which error? One row per direction and Schannel/Exchange error name
-- (SocketError, UnknownCredentials, NoCredentials, ..., or a refused STARTTLS), with the peers involved, the
-- messages those connections went on to send in plaintext after the failure (Exchange retries without TLS, and a
-- refused STARTTLS leaves the session in plaintext), and the certificates logged on them: ours, the peer's, or
-- "role not logged" when the log lacks the row that says whose it is.
WITH failed AS (
    SELECT
        *,
        nullif(concat_ws('; ',
            'ours: ' || coalesce(cert_subject, cert_thumbprint),
            'peer: ' || coalesce(peer_cert_subject, peer_cert_thumbprint),
            'role not logged: ' || coalesce(unattributed_cert_subject, unattributed_cert_thumbprint)), '') AS certificates
    FROM smtp_sessions
    WHERE tls_outcome = 'failed'
)
SELECT
    direction,
    tls_error,
    count(*) AS connections,
    count(DISTINCT remote_ip) AS peers,
    string_agg(DISTINCT coalesce(remote_ip, '(not logged)'), ', ' ORDER BY coalesce(remote_ip, '(not logged)')) AS remote_ips,
    string_agg(DISTINCT server, ', ' ORDER BY server) AS servers,
    string_agg(DISTINCT connector, ', ' ORDER BY connector) AS connectors,
    sum(messages) AS messages_in_plaintext,
    string_agg(DISTINCT certificates, ' | ' ORDER BY certificates) AS certificates,
    min(started_at) AS first_seen,
    max(started_at) AS last_seen
FROM failed
GROUP BY direction, tls_error
ORDER BY connections DESC, direction, tls_error;

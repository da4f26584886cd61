-- The headline numbers of the legacy-TLS report: how many connections and servers the data covers, and how many
-- SMTP peers still use legacy TLS, only legacy TLS, no TLS at all, or failed the handshake, and how many connections
-- ended before any SMTP dialogue (neither plaintext nor TLS); the same for HTTPS clients of IIS (Managed
-- Availability probes left out).
WITH peers AS (
    SELECT
        direction,
        remote_ip,
        count(*) FILTER (WHERE legacy_tls) AS legacy,
        coalesce(bool_or(NOT legacy_tls), false) AS modern,
        bool_and(tls_outcome = 'none') AS plaintext_only
    FROM smtp_sessions
    WHERE tls_outcome <> 'no_dialogue'
    GROUP BY direction, remote_ip
),
https_clients AS (
    SELECT
        coalesce(sum(requests) FILTER (WHERE legacy_tls), 0)
            AS legacy,
        coalesce(bool_or(NOT legacy_tls), false) AS modern
    FROM iis_requests
    WHERE NOT probe
    GROUP BY client_ip, username, user_agent, client_protocol
)
SELECT
    (SELECT count(*) FROM smtp_sessions) AS connections,
    (SELECT count(DISTINCT server) FROM smtp_sessions) AS servers,
    (SELECT min(started_at) FROM smtp_sessions) AS first_seen,
    (SELECT max(started_at) FROM smtp_sessions) AS last_seen,
    (SELECT count(*) FROM smtp_sessions
        WHERE legacy_tls) AS legacy_connections,
    (SELECT count(*) FROM peers WHERE legacy > 0) AS legacy_peers,
    (SELECT count(*) FROM peers WHERE legacy > 0 AND NOT modern) AS legacy_only_peers,
    (SELECT count(*) FROM peers WHERE plaintext_only) AS plaintext_peers,
    (SELECT count(*) FROM smtp_sessions WHERE tls_outcome = 'failed') AS failed_handshakes,
    (SELECT count(*) FROM smtp_sessions WHERE tls_outcome = 'no_dialogue') AS no_dialogue_connections,
    (SELECT coalesce(sum(requests), 0) FROM iis_requests WHERE NOT probe) AS https_requests,
    (SELECT count(*) FROM https_clients WHERE legacy > 0) AS legacy_https_clients,
    (SELECT count(*) FROM https_clients WHERE legacy > 0 AND NOT modern) AS legacy_only_https_clients;

-- How are SMTP connections secured? One row per direction and protocol (or plaintext, failed, result not logged,
-- no SMTP dialogue), with the share of that direction's connections and the number of distinct peers. Plaintext
-- means the peer reached EHLO/HELO and TLS was never attempted; 'no SMTP dialogue' is a connection that ended
-- before EHLO/HELO (refused or unanswered send connections, probes, port scans).
WITH classified AS (
    SELECT
        direction,
        remote_ip,
        CASE tls_outcome
            WHEN 'negotiated' THEN coalesce(tls_protocol, 'TLS, version ' || tls_protocol_logged)
            WHEN 'none' THEN 'plaintext'
            WHEN 'failed' THEN 'TLS failed'
            WHEN 'no_dialogue' THEN 'no SMTP dialogue'
            ELSE 'TLS, result not logged'
        END AS security,
        CASE tls_outcome
            WHEN 'negotiated' THEN CASE tls_protocol
                WHEN 'TLS 1.3' THEN 1 WHEN 'TLS 1.2' THEN 2 WHEN 'TLS 1.1' THEN 3 WHEN 'TLS 1.0' THEN 4
                WHEN 'SSL 3.0' THEN 5 WHEN 'SSL 2.0' THEN 6 ELSE 7 END
            WHEN 'unlogged' THEN 8
            WHEN 'failed' THEN 9
            WHEN 'none' THEN 10
            ELSE 11
        END AS rank,
        legacy_tls AS legacy
    FROM smtp_sessions
)
SELECT
    direction,
    security,
    count(*) AS connections,
    round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY direction), 1) AS share_pct,
    count(DISTINCT remote_ip) AS peers,
    -- NULL where the logs cannot tell: TLS without a logged result (Exchange 2010 negotiated SSL 3.0 or TLS 1.0 at
    -- most before SP3 RU9), a protocol value that names no single version, or no TLS at all.
    bool_or(legacy) AS legacy
FROM classified
GROUP BY direction, security, rank
ORDER BY direction, rank, security;

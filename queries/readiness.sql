-- What breaks if TLS 1.0, TLS 1.1 and SSL were switched off now? One row per entry point: per SMTP server, direction
-- and connector, and per IIS server, site and client protocol (OWA, EWS, ActiveSync, ...). connections counts SMTP
-- connections that reached EHLO/HELO (connections without an SMTP dialogue are probes, scans and unanswered send
-- attempts: no TLS to lose) and HTTPS requests without the Managed Availability probes. legacy_percent is the share
-- of them on legacy TLS, one decimal; NULL when TLS was used there but no connection's TLS version is known (Exchange
-- 2010 logs no TLS result, IIS sites without the crypt-* fields), so "unknown" never reads as "ready".
-- legacy_only_peers counts the peers whose every negotiated connection at that entry point was legacy, as
-- legacy-peers and legacy-https-clients decide it: an SMTP peer is direction + remote address, an HTTPS client is
-- address + user + user agent. On receive and HTTPS they fail to connect (or, where the connector allows it, fall back
-- to plaintext); on send they are destinations Exchange can no longer reach over TLS. examples names up to three of
-- them, most connections first. Sorted by impact: most legacy-only peers, then most legacy connections.
WITH traffic AS (
    SELECT
        'smtp' AS source,
        server,
        direction,
        connector AS entry_point,
        coalesce(remote_ip, '(not logged)') AS peer,
        NULL AS username,
        NULL AS user_agent,
        peer_name,
        1 AS connections,
        legacy_tls,
        tls_outcome = 'unlogged' OR (tls_outcome = 'negotiated' AND legacy_tls IS NULL) AS version_unknown
    FROM smtp_sessions
    WHERE tls_outcome <> 'no_dialogue'
    UNION ALL
    SELECT
        'https',
        server,
        'https',
        site || ' ' || client_protocol,
        coalesce(client_ip, '(not logged)'),
        username,
        user_agent,
        NULL,
        requests,
        legacy_tls,
        NOT tls_logged OR (tls_protocol IS NOT NULL AND legacy_tls IS NULL)
    FROM iis_requests
    WHERE NOT probe
),
peers AS (
    -- A peer per entry point: an SMTP remote address, or an HTTPS client as legacy-https-clients keys it.
    SELECT
        source,
        server,
        direction,
        entry_point,
        sum(connections)::BIGINT AS connections,
        coalesce(sum(connections) FILTER (WHERE legacy_tls), 0) > 0 AND NOT coalesce(bool_or(NOT legacy_tls), false)
            AS legacy_only,
        peer || coalesce(' ' || username, '')
            || coalesce(' (' || coalesce(user_agent, string_agg(DISTINCT peer_name, ', ' ORDER BY peer_name)) || ')', '')
            AS example
    FROM traffic
    GROUP BY source, server, direction, entry_point, peer, username, user_agent
),
legacy_only AS (
    SELECT
        source,
        server,
        direction,
        entry_point,
        count(*) AS peers,
        string_agg(example, '; ' ORDER BY connections DESC, example) FILTER (WHERE rank <= 3) AS examples
    FROM (
        SELECT
            *,
            row_number() OVER (PARTITION BY source, server, direction, entry_point ORDER BY connections DESC, example)
                AS rank
        FROM peers
        WHERE legacy_only
    )
    GROUP BY source, server, direction, entry_point
),
entry_points AS (
    SELECT
        source,
        server,
        direction,
        entry_point,
        sum(connections)::BIGINT AS connections,
        coalesce(sum(connections) FILTER (WHERE legacy_tls), 0)::BIGINT AS legacy_connections,
        -- Unknown only when TLS was attempted and no connection there logged a version: plaintext-only connectors
        -- lose nothing (0.0), Exchange 2010 connectors that only log STARTTLS are unknown (NULL).
        bool_or(version_unknown) AND NOT coalesce(bool_or(legacy_tls IS NOT NULL), false) AS version_unknown
    FROM traffic
    GROUP BY source, server, direction, entry_point
)
SELECT
    e.source,
    e.server,
    e.direction,
    e.entry_point,
    e.connections,
    e.legacy_connections,
    CASE WHEN NOT e.version_unknown THEN round(100.0 * e.legacy_connections / e.connections, 1)::DOUBLE END AS legacy_percent,
    coalesce(l.peers, 0) AS legacy_only_peers,
    l.examples
FROM entry_points e
LEFT JOIN legacy_only l USING (source, server, direction, entry_point)
ORDER BY legacy_only_peers DESC, e.legacy_connections DESC, e.source DESC, e.server, e.direction, e.entry_point;

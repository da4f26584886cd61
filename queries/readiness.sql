-- What breaks if TLS 1.0, TLS 1.1 and SSL were switched off now? One row per entry point: per SMTP server, direction
-- and connector, and per IIS server, site and client protocol (OWA, EWS, ActiveSync, ...). connections counts SMTP
-- connections that reached EHLO/HELO (connections without an SMTP dialogue are probes, scans and unanswered send
-- attempts: no TLS to lose) and HTTPS requests without the Managed Availability probes. unknown_version counts those
-- whose TLS version is not known: STARTTLS without a TLS result row (Exchange 2010 never logs one), requests from IIS
-- files without the crypt-* fields, and logged values that name no version. legacy_percent is the share on legacy TLS
-- of the rest, connections - unknown_version (plaintext connections, failed handshakes and plain HTTP requests count
-- there as not legacy), one decimal; NULL when no connection there has a known version. A share never silently
-- counts the unknown ones as ready: unknown_version beside it says how much the share leaves out.
-- legacy_only_peers counts the peers whose every negotiated connection at that entry point was legacy, as
-- legacy-peers and legacy-https-clients decide it: an SMTP peer is direction + remote address, an HTTPS client is
-- address + user + user agent. On receive and HTTPS they fail to connect (or, where the connector allows it, fall back
-- to plaintext); on send they are destinations Exchange can no longer reach over TLS. One difference from
-- legacy-https-clients, which keeps every user name apart: a request without a user name (the 401 challenge before
-- the credentials) from an address and user agent with requests of exactly one named user at that entry point is
-- that user's client, so one script or device is not counted twice; with no named user, or several, behind that
-- address and agent, it stays a client of its own. examples names up to three legacy-only peers, most connections
-- first. Sorted by impact: most legacy-only peers, then most legacy connections.
WITH named_clients AS (
    -- The one named user of an address and user agent at an entry point; an address that is not logged joins nothing.
    SELECT server, site, client_protocol, client_ip, user_agent, min(username) AS username
    FROM iis_requests
    WHERE NOT probe AND username IS NOT NULL AND client_ip IS NOT NULL
    GROUP BY server, site, client_protocol, client_ip, user_agent
    HAVING count(DISTINCT username) = 1
),
https_requests AS (
    SELECT
        r.server,
        r.site,
        r.client_protocol,
        r.client_ip,
        coalesce(r.username, n.username) AS username,
        r.user_agent,
        r.requests,
        r.legacy_tls,
        r.tls_logged,
        r.tls_protocol
    FROM iis_requests r
    LEFT JOIN named_clients n
        ON r.username IS NULL
        AND n.server = r.server
        AND n.site = r.site
        AND n.client_protocol = r.client_protocol
        AND n.client_ip = r.client_ip
        AND n.user_agent IS NOT DISTINCT FROM r.user_agent
    WHERE NOT r.probe
),
traffic AS (
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
    FROM https_requests
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
        coalesce(sum(connections) FILTER (WHERE version_unknown), 0)::BIGINT AS unknown_version
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
    round(100.0 * e.legacy_connections / nullif(e.connections - e.unknown_version, 0), 1)::DOUBLE AS legacy_percent,
    e.unknown_version,
    coalesce(l.peers, 0) AS legacy_only_peers,
    l.examples
FROM entry_points e
LEFT JOIN legacy_only l USING (source, server, direction, entry_point)
ORDER BY legacy_only_peers DESC, e.legacy_connections DESC, e.source DESC, e.server, e.direction, e.entry_point;

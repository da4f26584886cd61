-- Which addresses talk to Exchange both over SMTP and over HTTPS? One row per address seen in both the SMTP logs
-- (as remote address, receive or send) and the IIS logs (as client address), with every entry point it used, so a
-- device or server is seen whole: a multifunction printer that relays mail and syncs a mailbox, a partner's
-- gateway that also calls EWS. Addresses seen in one source only are in legacy-peers, plaintext-peers and
-- legacy-https-clients. Connections without an SMTP dialogue and Managed Availability probes are left out.
-- entry_points: 'SMTP in' (receive), 'SMTP out' (send), then the HTTPS client protocols. peer_names are the SMTP
-- EHLO/HELO or banner names, users the IIS user names. legacy: any connection or request negotiated TLS 1.0/1.1 or
-- SSL; legacy_only: legacy, and none negotiated TLS 1.2 or newer in either source.
WITH traffic AS (
    SELECT
        remote_ip,
        'smtp' AS source,
        CASE direction WHEN 'receive' THEN 'SMTP in' ELSE 'SMTP out' END AS entry_point,
        CASE direction WHEN 'receive' THEN 1 ELSE 2 END AS entry_rank,
        peer_name,
        NULL AS username,
        1 AS connections,
        legacy_tls,
        started_at AS first_at,
        started_at AS last_at
    FROM smtp_sessions
    WHERE tls_outcome <> 'no_dialogue' AND remote_ip IS NOT NULL
    UNION ALL
    SELECT
        client_ip,
        'https',
        client_protocol,
        CASE client_protocol
            WHEN 'OWA' THEN 3 WHEN 'ECP' THEN 4 WHEN 'EWS' THEN 5 WHEN 'ActiveSync' THEN 6 WHEN 'MAPI' THEN 7
            WHEN 'RPC' THEN 8 WHEN 'Autodiscover' THEN 9 WHEN 'OAB' THEN 10 WHEN 'PowerShell' THEN 11
            WHEN 'API' THEN 12 ELSE 13
        END,
        NULL,
        username,
        requests,
        legacy_tls,
        logged_at,
        last_logged_at
    FROM iis_requests
    WHERE NOT probe AND client_ip IS NOT NULL
),
addresses AS (
    SELECT
        remote_ip,
        list_sort(list_distinct(list({'rank': entry_rank, 'name': entry_point}))) AS entry_list,
        string_agg(DISTINCT peer_name, ', ' ORDER BY peer_name) AS peer_names,
        string_agg(DISTINCT username, ', ' ORDER BY username) AS users,
        coalesce(sum(connections) FILTER (WHERE source = 'smtp'), 0)::BIGINT AS smtp_connections,
        coalesce(sum(connections) FILTER (WHERE source = 'https'), 0)::BIGINT AS https_requests,
        coalesce(bool_or(legacy_tls), false) AS legacy,
        coalesce(bool_or(legacy_tls), false) AND NOT coalesce(bool_or(NOT legacy_tls), false) AS legacy_only,
        min(first_at) AS first_seen,
        max(last_at) AS last_seen
    FROM traffic
    GROUP BY remote_ip
    HAVING count(*) FILTER (WHERE source = 'smtp') > 0 AND count(*) FILTER (WHERE source = 'https') > 0
)
SELECT
    remote_ip,
    array_to_string(list_transform(entry_list, entry -> entry.name), ', ') AS entry_points,
    peer_names,
    users,
    smtp_connections,
    https_requests,
    legacy,
    legacy_only,
    first_seen,
    last_seen
FROM addresses
ORDER BY legacy_only DESC, legacy DESC, smtp_connections + https_requests DESC, remote_ip;

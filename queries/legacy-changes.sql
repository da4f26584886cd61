-- Which legacy-TLS peers are new this period, which remain, which upgraded and which went quiet? The window is
-- compared with the period of the same length just before it (report_window: for an ISO week, the week before).
-- One row per SMTP peer (direction + remote address) and per HTTPS client address (Managed Availability probes left
-- out) that negotiated TLS 1.0/1.1 or SSL in either period. Connections without an SMTP dialogue (probes, scans,
-- unanswered send attempts) do not count as seeing the peer. change:
--   'new'        legacy now, not legacy in the previous period (unseen then, or TLS 1.2+ only), which holds data of
--                the peer's source;
--   'no earlier data'
--                legacy now, and the previous period holds no stored row of the peer's source (smtp or https) at
--                all: nothing to compare with, as for a window that starts at the first stored data. Sorted where
--                'new' sorts; --fail-on new-legacy does not count it;
--   'still'      legacy in both periods;
--   'no TLS now' legacy before, seen now but never with a negotiated TLS version: plaintext, failed handshakes or no
--                TLS result logged (what a peer that cannot do TLS 1.2 shows once legacy TLS is off);
--   'silent'     legacy before, not seen now;
--   'upgraded'   legacy before, seen now with TLS 1.2 or newer only.
-- peer_names are the EHLO/HELO (receive) or banner (send) names, and the user agents of an HTTPS client, of both
-- periods. first_seen_ever and last_seen_ever span every stored row, before and after the window: the history the
-- database keeps beyond Exchange's 30-day log retention. For HTTPS, connections count requests.
WITH earlier_data AS (
    -- Any stored row of the source in the previous period, probes and connections without a dialogue included: the
    -- logs of that period were read, so a peer missing from them was not seen.
    SELECT
        'smtp' AS source,
        EXISTS (
            SELECT 1
            FROM main.smtp_sessions, report_window
            WHERE started_at >= report_window.previous_since AND started_at < report_window.since
        ) AS present
    UNION ALL
    SELECT
        'https',
        EXISTS (
            SELECT 1
            FROM main.iis_requests, report_window
            WHERE logged_at >= report_window.previous_since AND logged_at < report_window.since
        )
),
traffic AS (
    SELECT
        'smtp' AS source,
        direction,
        coalesce(remote_ip, '(not logged)') AS remote_ip,
        peer_name AS peer_label,
        started_at AS seen_at,
        started_at AS last_seen_at,
        1 AS connections,
        legacy_tls
    FROM main.smtp_sessions
    WHERE tls_outcome <> 'no_dialogue'
    UNION ALL
    SELECT
        'https',
        'https',
        coalesce(client_ip, '(not logged)'),
        user_agent,
        logged_at,
        last_logged_at,
        requests,
        legacy_tls
    FROM main.iis_requests
    WHERE NOT probe
),
placed AS (
    SELECT
        traffic.*,
        seen_at >= report_window.since AND seen_at < report_window.until AS now,
        seen_at >= report_window.previous_since AND seen_at < report_window.since AS before
    FROM traffic, report_window
),
peers AS (
    SELECT
        source,
        direction,
        remote_ip,
        string_agg(DISTINCT peer_label, ', ' ORDER BY peer_label) FILTER (WHERE now OR before) AS peer_names,
        coalesce(sum(connections) FILTER (WHERE now), 0)::BIGINT AS connections,
        coalesce(sum(connections) FILTER (WHERE now AND legacy_tls), 0)::BIGINT AS legacy_connections,
        coalesce(bool_or(NOT legacy_tls) FILTER (WHERE now), false) AS modern_now,
        coalesce(sum(connections) FILTER (WHERE before), 0)::BIGINT AS previous_connections,
        coalesce(sum(connections) FILTER (WHERE before AND legacy_tls), 0)::BIGINT AS previous_legacy_connections,
        min(seen_at) AS first_seen_ever,
        max(last_seen_at) AS last_seen_ever
    FROM placed
    GROUP BY source, direction, remote_ip
    HAVING coalesce(sum(connections) FILTER (WHERE (now OR before) AND legacy_tls), 0) > 0
),
judged AS (
    SELECT
        *,
        CASE
            WHEN legacy_connections > 0 AND previous_legacy_connections > 0 THEN 'still'
            WHEN legacy_connections > 0 AND NOT earlier_data.present THEN 'no earlier data'
            WHEN legacy_connections > 0 THEN 'new'
            WHEN connections = 0 THEN 'silent'
            WHEN modern_now THEN 'upgraded'
            ELSE 'no TLS now'
        END AS change
    FROM peers
    JOIN earlier_data USING (source)
)
SELECT
    source,
    direction,
    remote_ip,
    peer_names,
    change,
    connections,
    legacy_connections,
    previous_connections,
    previous_legacy_connections,
    first_seen_ever,
    last_seen_ever
FROM judged
ORDER BY
    CASE change WHEN 'new' THEN 1 WHEN 'no earlier data' THEN 1 WHEN 'still' THEN 2 WHEN 'no TLS now' THEN 3 WHEN 'silent' THEN 4 ELSE 5 END,
    legacy_connections DESC,
    previous_legacy_connections DESC,
    source DESC,
    direction,
    remote_ip;

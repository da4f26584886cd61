-- Is legacy TLS going away? The share of each TLS version, per day of the window and per ISO week (Monday to Sunday,
-- UTC) over the eight weeks that end with the window's last week (from every stored row, not only the window's; rows
-- from report_window.until on are left out). source: 'smtp-receive', 'smtp-send', 'https'. tls_protocol is the
-- stored protocol name, 'plaintext' for SMTP connections that never attempted TLS and plain-HTTP requests,
-- 'not logged' where TLS was used but its version is unknown (STARTTLS without a result row, IIS periods without the
-- crypt-* fields), 'failed' for failed SMTP handshakes. Connections without an SMTP dialogue and Managed Availability
-- probes are left out; for HTTPS, connections count requests. share_percent is the share of that period's and
-- source's connections, one decimal. legacy is the stored legacy_tls judgement of that protocol (TLS 1.0, TLS 1.1,
-- SSL), false for plaintext, failed and not logged, so the chart marks what the report counts as legacy. Days and
-- weeks without any connection have no rows.
WITH traffic AS (
    SELECT
        'smtp-' || direction AS source,
        started_at AS seen_at,
        1 AS connections,
        CASE tls_outcome
            WHEN 'negotiated' THEN coalesce(tls_protocol, 'not logged')
            WHEN 'none' THEN 'plaintext'
            WHEN 'failed' THEN 'failed'
            ELSE 'not logged'
        END AS tls_protocol,
        tls_outcome = 'negotiated' AND coalesce(legacy_tls, false) AS legacy
    FROM main.smtp_sessions
    WHERE tls_outcome <> 'no_dialogue'
    UNION ALL
    SELECT
        'https',
        logged_at,
        requests,
        CASE
            WHEN NOT tls_logged THEN 'not logged'
            WHEN tls_protocol IS NULL THEN 'plaintext'
            ELSE tls_protocol
        END,
        tls_logged AND coalesce(legacy_tls, false)
    FROM main.iis_requests
    WHERE NOT probe
),
weeks AS (
    -- The ISO week holding the window's last instant, and the seven before it.
    SELECT
        date_trunc('week', until - INTERVAL 1 MICROSECOND) - INTERVAL 7 WEEK AS first_week,
        until
    FROM report_window
),
periods AS (
    SELECT 'day' AS granularity, date_trunc('day', traffic.seen_at) AS period_start, traffic.*
    FROM traffic, report_window
    WHERE traffic.seen_at >= report_window.since AND traffic.seen_at < report_window.until
    UNION ALL
    SELECT 'week', date_trunc('week', traffic.seen_at), traffic.*
    FROM traffic, weeks
    WHERE traffic.seen_at >= weeks.first_week AND traffic.seen_at < weeks.until
),
counted AS (
    SELECT
        granularity,
        CAST(period_start AS DATE) AS period_start,
        source,
        tls_protocol,
        sum(connections) AS connections,
        bool_or(legacy) AS legacy
    FROM periods
    GROUP BY granularity, period_start, source, tls_protocol
)
SELECT
    granularity,
    period_start,
    source,
    tls_protocol,
    connections::BIGINT AS connections,
    round(100.0 * connections / sum(connections) OVER (PARTITION BY granularity, period_start, source), 1)::DOUBLE
        AS share_percent,
    legacy
FROM counted
ORDER BY
    granularity,
    period_start,
    source,
    CASE tls_protocol
        WHEN 'TLS 1.3' THEN 1 WHEN 'TLS 1.2' THEN 2 WHEN 'TLS 1.1' THEN 3 WHEN 'TLS 1.0' THEN 4 WHEN 'SSL 3.0' THEN 5
        WHEN 'SSL 2.0' THEN 6 WHEN 'not logged' THEN 8 WHEN 'failed' THEN 9 WHEN 'plaintext' THEN 10 ELSE 7
    END,
    tls_protocol;

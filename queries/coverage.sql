-- Which logs does the report rest on, and which are missing? "No legacy TLS found" must not mean "logs not read".
-- One row per server and log type ever ingested: SMTP service and direction (log_type 'SmtpReceive FrontEnd') and IIS
-- site ('W3SVC1'). first_seen and last_seen are the first and last connection or request in the window, files the
-- ingested files holding them (a connection counts in the file of its first row), malformed_lines the rejected lines
-- of those files, open_connections the SMTP connections without a disconnect row (still open at the last read, or
-- closed after an hour without rows). status is 'ok', or each of:
--   'silent in window'          rows before the window, none in it: logging stopped, or its logs were not copied;
--   'first seen after window'   rows only after the window;
--   'no rows read'              files ingested, no connection or request in any of them;
--   'no TLS results logged'     STARTTLS used, but no TLS result row (Exchange 2010 and older log none);
--   'no TLS fields'             IIS requests without the crypt-* fields (see iis-tls-logging-missing), or
--   'TLS fields partly missing' for some of them;
--   'N files not read completely' files of that log type whose last read failed or was overtaken by a change to the
--                               file (ingest_errors names them; the next ingest reads them again);
--   'N logs found again under another name' logs read once and found later moved, renamed, copied or packed into an
--                               archive (the ledger holds each name; the same first KiB and bytes up to where the
--                               read stopped): their connections are stored once, not once a name.
-- Files the ingest could not open at all are rows of their own: source 'file', log_type the file's path, status the
-- reason. Files skipped as not being logs (or as UTF-16) are not recorded in the database; ingest names them.
WITH ledger AS (
    SELECT
        path,
        CASE kind WHEN 'smtp' THEN 'smtp' ELSE 'https' END AS source,
        -- NULL when a read failed before the file said which server it is; a name so the groups still join.
        coalesce(server, '(server unknown)') AS server,
        CASE kind
            WHEN 'smtp' THEN 'Smtp' || CASE direction WHEN 'receive' THEN 'Receive' WHEN 'send' THEN 'Send' ELSE '' END
                || ' ' || coalesce(service, '(service unknown)')
            ELSE coalesce(service, '(site unknown)')
        END AS log_type,
        size_bytes,
        rejected_lines,
        head_crc,
        tail_crc,
        complete_bytes
    FROM main.ingested_files
),
whole_file_problems AS (
    SELECT source_file AS path, min(reason) AS reason FROM main.ingest_errors WHERE line = 0 GROUP BY source_file
),
stored AS (
    SELECT
        'smtp' AS source,
        server,
        'Smtp' || CASE direction WHEN 'receive' THEN 'Receive' ELSE 'Send' END || ' ' || service AS log_type,
        started_at AS seen_at
    FROM main.smtp_sessions
    UNION ALL
    SELECT 'https', server, site, logged_at FROM main.iis_requests
),
in_window AS (
    SELECT
        'smtp' AS source,
        server,
        'Smtp' || CASE direction WHEN 'receive' THEN 'Receive' ELSE 'Send' END || ' ' || service AS log_type,
        started_at AS seen_at,
        started_at AS last_seen_at,
        source_file,
        pending OR NOT closed AS open,
        starttls,
        tls_outcome IN ('negotiated', 'failed') AS tls_result,
        NULL::BOOLEAN AS tls_logged
    FROM smtp_sessions
    UNION ALL
    SELECT 'https', server, site, logged_at, last_logged_at, source_file, NULL, NULL, NULL, tls_logged
    FROM iis_requests
),
window_files AS (
    SELECT DISTINCT source, server, log_type, source_file FROM in_window
),
groups AS (
    SELECT source, server, log_type FROM ledger
    UNION
    SELECT source, server, log_type FROM stored
),
window_totals AS (
    SELECT
        source,
        server,
        log_type,
        min(seen_at) AS first_seen,
        max(last_seen_at) AS last_seen,
        count(*) FILTER (WHERE open) AS open_connections,
        coalesce(bool_or(starttls), false) AND NOT coalesce(bool_or(tls_result), false) AS no_tls_results,
        bool_and(NOT tls_logged) AS no_tls_fields,
        bool_or(NOT tls_logged) AS some_without_tls_fields
    FROM in_window
    GROUP BY source, server, log_type
),
file_totals AS (
    SELECT w.source, w.server, w.log_type, count(*) AS files, coalesce(sum(l.rejected_lines), 0) AS malformed_lines
    FROM window_files w
    LEFT JOIN ledger l ON l.path = w.source_file
    GROUP BY w.source, w.server, w.log_type
),
history AS (
    SELECT
        source,
        server,
        log_type,
        bool_or(seen_at < report_window.since) AS before_window,
        bool_or(seen_at >= report_window.until) AS after_window
    FROM stored, report_window
    GROUP BY source, server, log_type
),
unfinished AS (
    SELECT l.source, l.server, l.log_type, count(*) AS files
    FROM ledger l
    LEFT JOIN whole_file_problems p USING (path)
    WHERE l.size_bytes = -1 OR p.path IS NOT NULL
    GROUP BY l.source, l.server, l.log_type
),
found_again AS (
    -- Every name of a log but its first: entries with the content of an entry with a smaller path.
    SELECT l.source, l.server, l.log_type, count(*) AS files
    FROM ledger l
    WHERE l.size_bytes <> -1 AND l.tail_crc IS NOT NULL AND l.tail_crc <> -1 AND EXISTS (
        SELECT 1 FROM ledger o
        WHERE o.path < l.path AND o.source = l.source AND o.log_type = l.log_type AND o.head_crc = l.head_crc
            AND o.tail_crc = l.tail_crc AND o.complete_bytes = l.complete_bytes)
    GROUP BY l.source, l.server, l.log_type
),
judged AS (
    SELECT
        g.source,
        g.server,
        g.log_type,
        w.first_seen,
        w.last_seen,
        coalesce(f.files, 0) AS files,
        coalesce(f.malformed_lines, 0)::BIGINT AS malformed_lines,
        CASE g.source WHEN 'smtp' THEN coalesce(w.open_connections, 0) END AS open_connections,
        concat_ws('; ',
            CASE WHEN w.first_seen IS NULL AND h.before_window THEN 'silent in window' END,
            CASE WHEN w.first_seen IS NULL AND NOT h.before_window AND h.after_window THEN 'first seen after window' END,
            CASE WHEN h.source IS NULL THEN 'no rows read' END,
            CASE WHEN w.no_tls_results THEN 'no TLS results logged' END,
            CASE WHEN w.no_tls_fields THEN 'no TLS fields'
                WHEN w.some_without_tls_fields THEN 'TLS fields partly missing' END,
            CASE WHEN u.files IS NOT NULL THEN u.files || CASE u.files WHEN 1 THEN ' file' ELSE ' files' END
                || ' not read completely' END,
            CASE WHEN a.files IS NOT NULL THEN a.files || CASE a.files WHEN 1 THEN ' log' ELSE ' logs' END
                || ' found again under another name' END) AS problems
    FROM groups g
    LEFT JOIN window_totals w USING (source, server, log_type)
    LEFT JOIN file_totals f USING (source, server, log_type)
    LEFT JOIN history h USING (source, server, log_type)
    LEFT JOIN unfinished u USING (source, server, log_type)
    LEFT JOIN found_again a USING (source, server, log_type)
    UNION ALL
    SELECT 'file', NULL, p.path, NULL, NULL, 1, 0, NULL, 'not read: ' || p.reason
    FROM whole_file_problems p
    WHERE p.path NOT IN (SELECT path FROM ledger)
)
SELECT
    source,
    server,
    log_type,
    first_seen,
    last_seen,
    files,
    malformed_lines,
    open_connections,
    coalesce(nullif(problems, ''), 'ok') AS status
FROM judged
ORDER BY CASE source WHEN 'smtp' THEN 1 WHEN 'https' THEN 2 ELSE 3 END, server, log_type;

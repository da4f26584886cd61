-- The benchmark's baseline: what a DuckDB user who knows these logs (docs/log-formats.md) would write to get, per
-- SMTP connection, the TLS facts tlsaudit stores, with DuckDB's own CSV reader and regular expressions, and the
-- IIS requests with their TLS fields. ${corpus} is the share folder (one folder per server below it).
-- Run by io.tlsaudit.bench.DuckDbBaseline: statements end with ';' at the end of a line; the last one's columns
-- are printed as key=value lines, the counts .ci/benchmark compares with tlsaudit and the corpus manifest.

-- Every row of the SMTP logs matching FILES. Server from the first folder, service from the transport folder,
-- direction from the file name (RECV/SEND). '#' lines are headers, also mid-file after a restart (the sniffer
-- cannot cope with the BOM before the first one, hence auto_detect = false).
CREATE TEMP MACRO smtp_log(files, log_direction) AS TABLE
SELECT
    split_part(substr(filename, length('${corpus}') + 2), '/', 1) AS server,
    coalesce(nullif(regexp_extract(filename, '/(FrontEnd|Hub|Edge|Mailbox)/', 1), ''), 'Transport') AS service,
    log_direction AS direction,
    connector_id,
    session_id,
    CAST(date_time AS TIMESTAMP) AS ts,
    CAST(sequence_number AS INTEGER) AS seq,
    local_endpoint,
    remote_endpoint,
    event,
    data,
    context
FROM read_csv(files,
    columns = {'date_time': 'VARCHAR', 'connector_id': 'VARCHAR', 'session_id': 'VARCHAR',
        'sequence_number': 'VARCHAR', 'local_endpoint': 'VARCHAR', 'remote_endpoint': 'VARCHAR',
        'event': 'VARCHAR', 'data': 'VARCHAR', 'context': 'VARCHAR'},
    header = false, comment = '#', delim = ',', quote = '"', escape = '"', auto_detect = false, filename = true);

-- One row per SMTP connection. A Send session id covers every host Exchange tries: each 'attempting to connect'
-- row starts a connection, so Send rows are numbered by the attempts before them (Receive sessions are one
-- connection each; numbering them too would double the time).
CREATE TABLE connections AS
WITH attempts AS (
    SELECT *, 1 AS attempt FROM smtp_log('${corpus}/**/RECV*.LOG', 'receive')
    UNION ALL
    SELECT
        *,
        greatest(1, count(*) FILTER (WHERE event = '*' AND context = 'attempting to connect')
            OVER (PARTITION BY server, service, session_id ORDER BY ts, seq)) AS attempt
    FROM smtp_log('${corpus}/**/SEND*.LOG', 'send')
),
per_connection AS (
    SELECT
        server,
        service,
        direction,
        session_id,
        attempt,
        arg_min(connector_id, ts) AS connector,
        min(ts) AS started_at,
        max(ts) AS ended_at,
        -- Ended inside the logs: the disconnect row, or a failed connect (after which Exchange writes none).
        bool_or(event = '-' OR (event = '*' AND starts_with(context, 'Failed to connect'))) AS closed,
        arg_min(local_endpoint, ts) FILTER (WHERE local_endpoint IS NOT NULL) AS local_endpoint,
        arg_min(remote_endpoint, ts) FILTER (WHERE remote_endpoint IS NOT NULL) AS remote_endpoint,
        arg_min(data, ts) FILTER (WHERE direction = 'receive' AND event = '<'
            AND regexp_matches(data, '^(EHLO|HELO) ', 'i')) AS hello,
        bool_or(upper(data) IN ('STARTTLS', 'X-ANONYMOUSTLS')
            AND event = CASE direction WHEN 'receive' THEN '<' ELSE '>' END) AS starttls,
        max(context) FILTER (WHERE event = '*' AND starts_with(context, 'TLS protocol ')) AS tls_line,
        max(context) FILTER (WHERE event = '*' AND starts_with(context, 'TLS negotiation failed with error ')) AS tls_failure
    FROM attempts
    GROUP BY ALL
),
parsed AS (
    SELECT
        *,
        -- The result line's template, anchored: a row cut by a buffer flush yields nothing.
        regexp_extract(tls_line,
            '^TLS protocol (.+?) negotiation succeeded using bulk encryption algorithm (\S+) with strength (\d{1,6}) bits, MAC hash algorithm (\S+) with strength (\d{1,6}) bits and key exchange algorithm (\S+) with strength (\d{1,6}) bits$',
            ['protocol', 'cipher', 'cipher_bits', 'mac', 'mac_bits', 'key_exchange', 'key_exchange_bits']) AS tls
    FROM per_connection
),
decoded AS (
    SELECT
        server,
        service,
        direction,
        connector,
        session_id,
        attempt,
        started_at,
        ended_at,
        closed,
        regexp_replace(regexp_replace(local_endpoint, ':\d+$', ''), '^\[(.*)\]$', '\1') AS local_ip,
        regexp_replace(regexp_replace(remote_endpoint, ':\d+$', ''), '^\[(.*)\]$', '\1') AS remote_ip,
        TRY_CAST(regexp_extract(remote_endpoint, ':(\d+)$', 1) AS INTEGER) AS remote_port,
        regexp_extract(hello, '^\S+\s+(.*)$', 1) AS hello_name,
        starttls,
        nullif(tls.protocol, '') AS tls_protocol_logged,
        -- SP_PROT_* names (also the SP_PROT- spelling), or the number .NET prints for TLS 1.3.
        CASE regexp_replace(replace(nullif(tls.protocol, ''), '-', '_'), '_(SERVER|CLIENT)$', '')
            WHEN 'SP_PROT_PCT1' THEN 'PCT 1.0'
            WHEN 'SP_PROT_SSL2' THEN 'SSL 2.0'
            WHEN 'SP_PROT_SSL3' THEN 'SSL 3.0'
            WHEN 'SP_PROT_TLS1' THEN 'TLS 1.0'
            WHEN 'SP_PROT_TLS1_0' THEN 'TLS 1.0'
            WHEN 'SP_PROT_TLS1_1' THEN 'TLS 1.1'
            WHEN 'SP_PROT_TLS1_2' THEN 'TLS 1.2'
            WHEN 'SP_PROT_TLS1_3' THEN 'TLS 1.3'
            WHEN 'SP_PROT_DTLS' THEN 'DTLS 1.0'
            WHEN 'SP_PROT_DTLS1_0' THEN 'DTLS 1.0'
            WHEN 'SP_PROT_DTLS1_2' THEN 'DTLS 1.2'
            WHEN '4096' THEN 'TLS 1.3'
            WHEN '8192' THEN 'TLS 1.3'
        END AS tls_protocol,
        regexp_replace(nullif(tls.cipher, ''), '^CALG_', '') AS cipher,
        TRY_CAST(nullif(tls.cipher_bits, '') AS INTEGER) AS cipher_bits,
        regexp_replace(nullif(tls.mac, ''), '^CALG_', '') AS mac,
        TRY_CAST(nullif(tls.mac_bits, '') AS INTEGER) AS mac_bits,
        regexp_replace(nullif(tls.key_exchange, ''), '^CALG_', '') AS key_exchange,
        TRY_CAST(nullif(tls.key_exchange_bits, '') AS INTEGER) AS key_exchange_bits,
        regexp_extract(tls_failure, '^TLS negotiation failed with error (\S+)', 1) AS tls_error
    FROM parsed
)
-- Legacy as tlsaudit decides it: PCT, SSL, TLS 1.0, TLS 1.1, DTLS 1.0; NULL when nothing was negotiated.
SELECT *, tls_protocol IN ('PCT 1.0', 'SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'DTLS 1.0') AS legacy_tls
FROM decoded;

-- IIS requests of every site, with the crypt-* fields (hex dwProtocol and ALG_IDs; '-' on plain HTTP) decoded.
CREATE TABLE iis_requests AS
SELECT
    split_part(substr(filename, length('${corpus}') + 2), '/', 1) AS server,
    regexp_extract(filename, '/(W3SVC\d+)/', 1) AS site,
    CAST(date || ' ' || time AS TIMESTAMP) AS logged_at,
    nullif(c_ip, '-') AS client_ip,
    nullif(cs_username, '-') AS username,
    replace(nullif(cs_user_agent, '-'), '+', ' ') AS user_agent,
    cs_method AS method,
    cs_uri_stem AS uri_stem,
    TRY_CAST(s_port AS INTEGER) AS server_port,
    TRY_CAST(sc_status AS INTEGER) AS status,
    CASE lower(crypt_protocol)
        WHEN '1' THEN 'PCT 1.0'
        WHEN '4' THEN 'SSL 2.0'
        WHEN '10' THEN 'SSL 3.0'
        WHEN '40' THEN 'TLS 1.0'
        WHEN '100' THEN 'TLS 1.1'
        WHEN '400' THEN 'TLS 1.2'
        WHEN '1000' THEN 'TLS 1.3'
    END AS tls_protocol,
    nullif(crypt_cipher, '-') AS cipher,
    nullif(crypt_hash, '-') AS mac,
    nullif(crypt_keyexchange, '-') AS key_exchange,
    lower(crypt_protocol) IN ('1', '4', '10', '40', '100') AS legacy_tls
FROM read_csv('${corpus}/**/W3SVC*/*.log',
    columns = {'date': 'VARCHAR', 'time': 'VARCHAR', 's_ip': 'VARCHAR', 'cs_method': 'VARCHAR',
        'cs_uri_stem': 'VARCHAR', 'cs_uri_query': 'VARCHAR', 's_port': 'VARCHAR', 'cs_username': 'VARCHAR',
        'c_ip': 'VARCHAR', 'cs_user_agent': 'VARCHAR', 'cs_referer': 'VARCHAR', 'sc_status': 'VARCHAR',
        'sc_substatus': 'VARCHAR', 'sc_win32_status': 'VARCHAR', 'time_taken': 'VARCHAR',
        'crypt_protocol': 'VARCHAR', 'crypt_cipher': 'VARCHAR', 'crypt_hash': 'VARCHAR',
        'crypt_keyexchange': 'VARCHAR'},
    header = false, comment = '#', delim = ' ', quote = '', escape = '', auto_detect = false, filename = true);

-- The counts: connections that ended inside the logs; a peer is (direction, remote address); legacy-only = it
-- negotiated TLS and never TLS 1.2 or newer.
WITH ended AS (
    SELECT * FROM connections WHERE closed
),
peers AS (
    SELECT
        direction,
        remote_ip,
        count(*) FILTER (WHERE legacy_tls) AS legacy,
        coalesce(bool_or(NOT legacy_tls), false) AS modern
    FROM ended
    GROUP BY direction, remote_ip
)
SELECT
    (SELECT count(*) FROM ended) AS connections,
    (SELECT count(*) FROM connections WHERE NOT closed) AS connections_cut,
    (SELECT count(*) FROM ended WHERE tls_protocol_logged IS NOT NULL) AS negotiated_connections,
    (SELECT count(*) FROM ended WHERE legacy_tls) AS legacy_connections,
    (SELECT count(*) FROM peers WHERE legacy > 0 OR modern) AS tls_peers,
    (SELECT count(*) FROM peers WHERE legacy > 0 AND NOT modern) AS legacy_only_peers,
    (SELECT count(*) FROM iis_requests) AS iis_requests,
    (SELECT count(*) FROM iis_requests WHERE legacy_tls) AS iis_legacy_requests;

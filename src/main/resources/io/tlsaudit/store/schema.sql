-- The tlsaudit database. Column meanings are documented in README.md ("Database schema").
-- smtp_sessions and connection_checkpoints are created from the column list in SmtpSessionColumns.java, iis_requests
-- from the one in IisRequestColumns.java: the one source of the columns that their writers and readers use.

CREATE TABLE IF NOT EXISTS ingest_errors (
    source_file VARCHAR   NOT NULL,
    line        BIGINT    NOT NULL,
    reason      VARCHAR   NOT NULL,
    excerpt     VARCHAR   NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS ingested_files (
    path           VARCHAR   PRIMARY KEY,
    kind           VARCHAR   NOT NULL,
    server         VARCHAR,
    service        VARCHAR,
    direction      VARCHAR,
    size_bytes     BIGINT    NOT NULL,
    complete_bytes BIGINT    NOT NULL,
    modified_at    TIMESTAMP NOT NULL,
    data_rows      BIGINT    NOT NULL,
    rejected_lines BIGINT    NOT NULL,
    problems       BIGINT    NOT NULL,
    ingested_at    TIMESTAMP NOT NULL,
    lines_read     BIGINT    NOT NULL,
    fields_line    VARCHAR,
    log_type_line  VARCHAR,
    head_crc       BIGINT    NOT NULL,
    tail_crc       BIGINT, -- NULL for files recorded before schema version 2
    checkpointed   BOOLEAN   NOT NULL DEFAULT false,
    content_crc    BIGINT -- CRC-32 of the first complete_bytes; NULL when not known
);

-- What `tlsaudit export` last wrote to each export folder, per table and day, so --incremental writes only the days
-- whose rows changed since (see ExportLedger.java).
CREATE TABLE IF NOT EXISTS exported_days (
    location    VARCHAR   NOT NULL, -- the export folder, as an absolute path with links resolved
    table_name  VARCHAR   NOT NULL,
    day         DATE      NOT NULL,
    row_count   BIGINT    NOT NULL,
    fingerprint HUGEINT   NOT NULL, -- sum of DuckDB's hash() of each row of the day as exported
    exported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (location, table_name, day)
);

-- A random identity of this database, written into each folder it exports to, so that two databases never replace
-- each other's days in one folder.
CREATE TABLE IF NOT EXISTS database_identity (
    id VARCHAR NOT NULL
);

package io.tlsaudit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The version of the database's schema, recorded in {@code schema_version}, and the upgrade of an older database in
 * place. Versions: 1, databases made before the version was recorded; 2, connections without an SMTP dialogue,
 * unattributed certificates, connection checkpoints, ledger tail checksums, nullable IIS client addresses and
 * paths, {@code forwarded_invalid}.
 */
final class SchemaVersion {

    /** The version this build writes and reads. */
    static final int CURRENT = 2;

    /** The tables whose rows an upgrade carries over, column by column. */
    private static final List<String> TABLES =
            List.of("smtp_sessions", "ingest_errors", "ingested_files", "iis_requests");

    private SchemaVersion() {}

    /** The version of the database on {@code connection}; 0 for an empty database. */
    static int of(Connection connection) throws SQLException {
        if (tableExists(connection, "schema_version")) {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT max(version) FROM schema_version")) {
                result.next();
                if (result.getObject(1) instanceof Integer version) {
                    return version;
                }
            } catch (SQLException e) {
                // read below as another application's table
            }
            throw new StoreException("the database's schema_version table is not tlsaudit's: not a tlsaudit database");
        }
        return tableExists(connection, "smtp_sessions") ? 1 : 0;
    }

    /** The tables of the main schema, at most a few named, for a message about a database that is not ours. */
    static List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE"
                        + " table_schema = 'main' ORDER BY table_name LIMIT 5")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }

    /**
     * Upgrades an older database in place: each table is rebuilt in its current form and keeps every column it
     * shares with its old form; new columns take their default (NULL, or false for {@code forwarded_invalid}).
     * Values whose representation changed are rewritten. The caller runs this in one transaction.
     */
    static void upgrade(Connection connection, int from, Runnable createSchema) throws SQLException {
        List<String> renamed = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                if (tableExists(connection, table)) {
                    statement.execute("ALTER TABLE " + table + " RENAME TO " + table + "_before_upgrade");
                    renamed.add(table);
                }
            }
            createSchema.run();
            for (String table : renamed) {
                String old = table + "_before_upgrade";
                Set<String> shared = columns(connection, table);
                shared.retainAll(columns(connection, old));
                String names = String.join(", ", shared);
                statement.execute("INSERT INTO " + table + " (" + names + ") SELECT " + names + " FROM " + old);
                statement.execute("DROP TABLE " + old);
            }
            if (from < 2) {
                // Version 1 stored a c-ip of '-' as ''; it is NULL now.
                statement.execute("UPDATE iis_requests SET client_ip = NULL WHERE client_ip = ''");
                // Version 1 called every connection without TLS plaintext. One that named no peer (no EHLO/HELO on
                // receive, no banner on send) and sent no mail had no SMTP dialogue: the closest the stored row says.
                statement.execute("UPDATE smtp_sessions SET tls_outcome = 'no_dialogue' WHERE tls_outcome = 'none'"
                        + " AND peer_name IS NULL AND messages = 0");
                // STARTTLS offered: true when it was attempted, unknown without a dialogue.
                statement.execute("UPDATE smtp_sessions SET starttls_offered = true WHERE starttls");
                statement.execute("UPDATE smtp_sessions SET starttls_offered = NULL WHERE tls_outcome = 'no_dialogue'");
            }
            record(connection);
        }
    }

    /** Records {@link #CURRENT} as the database's version. */
    static void record(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            statement.execute("DELETE FROM schema_version");
            statement.execute("INSERT INTO schema_version VALUES (" + CURRENT + ")");
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1) > 0;
            }
        }
    }

    private static Set<String> columns(Connection connection, String table) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name FROM"
                + " information_schema.columns WHERE table_schema = 'main' AND table_name = ? ORDER BY"
                + " ordinal_position")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
        }
        return names;
    }
}

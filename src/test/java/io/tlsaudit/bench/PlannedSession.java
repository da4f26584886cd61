package io.tlsaudit.bench;

import java.util.Arrays;

/**
 * One SMTP session decided in full before any of its rows is written: each row's time and its text after the
 * timestamp (kept in one buffer, so a row costs no object of its own), and the connections the session holds with
 * what the generator decided about each. A Send session holds one connection per host tried (docs/log-formats.md,
 * 'Send connections'); every other session holds one. Rows are handed out in order by {@link SmtpStreamWriter},
 * which interleaves the rows of all open sessions of a stream by time.
 */
final class PlannedSession {

    /** What became of TLS on a connection, in tlsaudit's vocabulary ({@code smtp_sessions.tls_outcome}). */
    enum Outcome {
        NEGOTIATED,
        FAILED,
        UNLOGGED,
        NONE,
        NO_DIALOGUE
    }

    /**
     * What the generator decided about one connection.
     *
     * @param peerIp the remote address as tlsaudit stores it (IPv6 without brackets)
     * @param suite the negotiated suite, null unless {@code outcome} is NEGOTIATED
     */
    record Connection(String peerIp, Outcome outcome, TlsSuite suite) {}

    /** Breaks ties between rows of the same millisecond, so the output does not depend on queue order. */
    final long ordinal;

    final StringBuilder text = new StringBuilder(4096);
    private long[] times = new long[48];
    private int[] ends = new int[48];
    private int size;
    private int next;

    private Connection[] connections = new Connection[2];
    private int[] lastRows = new int[2];
    private int connectionCount;
    private int connectionsWritten;

    PlannedSession(long ordinal) {
        this.ordinal = ordinal;
    }

    /** Ends the row whose text was just appended to {@link #text}. */
    void endRow(long millis) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        times[size] = millis;
        ends[size] = text.length();
        size++;
    }

    /** Records a connection whose last row is the row just ended. */
    void endConnection(Connection connection) {
        if (connectionCount == connections.length) {
            connections = Arrays.copyOf(connections, connectionCount * 2);
            lastRows = Arrays.copyOf(lastRows, connectionCount * 2);
        }
        connections[connectionCount] = connection;
        lastRows[connectionCount] = size - 1;
        connectionCount++;
    }

    boolean hasNextRow() {
        return next < size;
    }

    long nextTime() {
        return times[next];
    }

    long firstTime() {
        return times[0];
    }

    long lastTime() {
        return times[size - 1];
    }

    int rows() {
        return size;
    }

    /** Appends the text of the next row after its timestamp, and moves on. */
    void appendNextRow(StringBuilder out) {
        int start = next == 0 ? 0 : ends[next - 1];
        out.append(text, start, ends[next]);
        next++;
    }

    /** The connection that the row just handed out completed, or null. */
    Connection completedByLastRow() {
        if (connectionsWritten < connectionCount && lastRows[connectionsWritten] == next - 1) {
            return connections[connectionsWritten++];
        }
        return null;
    }

    /**
     * When a restart cuts the session off: 1 if a connection has rows in the logs but not its last one (it never
     * ends), else 0. Connections planned after it (the next host of a failover) have no row at all.
     */
    int connectionsCut() {
        if (connectionsWritten == connectionCount) {
            return 0;
        }
        int firstRow = connectionsWritten == 0 ? 0 : lastRows[connectionsWritten - 1] + 1;
        return next > firstRow ? 1 : 0;
    }
}

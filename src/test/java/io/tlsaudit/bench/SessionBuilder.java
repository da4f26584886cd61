package io.tlsaudit.bench;

import java.util.SplittableRandom;

/**
 * Writes the rows of one {@link PlannedSession} in Exchange's CSV layout (docs/log-formats.md, 'Fields and event
 * codes', 'CSV quoting and escapes'): {@code date-time} is added when the row is written, the rest here. Keeps the
 * session's clock and sequence number; values with a comma or quote are quoted.
 */
final class SessionBuilder {

    private final SplittableRandom random;
    private PlannedSession session;
    private long clock;
    private int sequence;
    private String connector;
    private String sessionId;
    private String local;
    private String remote;

    SessionBuilder(SplittableRandom random) {
        this.random = random;
    }

    /** Starts a session at {@code start}; {@code local} is empty on Send rows before the connect. */
    void start(PlannedSession session, long start, String connector, String sessionId, String local, String remote) {
        this.session = session;
        this.clock = start;
        this.sequence = 0;
        this.connector = connector;
        this.sessionId = sessionId;
        this.local = local;
        this.remote = remote;
    }

    PlannedSession session() {
        return session;
    }

    long clock() {
        return clock;
    }

    void local(String endpoint) {
        this.local = endpoint;
    }

    void remote(String endpoint) {
        this.remote = endpoint;
    }

    /** Moves the clock on by {@code min} to {@code max} milliseconds. */
    SessionBuilder after(int min, int max) {
        clock += min + random.nextInt(max - min + 1);
        return this;
    }

    /** Skips sequence numbers, as Exchange does around the unlogged AUTH exchange. */
    void skipSequence(int count) {
        sequence += count;
    }

    /** One row: {@code event} is {@code + - > < *}. */
    void row(char event, String data, String context) {
        StringBuilder text = session.text;
        text.append(',')
                .append(connector)
                .append(',')
                .append(sessionId)
                .append(',')
                .append(sequence++)
                .append(',')
                .append(local)
                .append(',')
                .append(remote)
                .append(',')
                .append(event)
                .append(',');
        appendValue(text, data);
        text.append(',');
        appendValue(text, context);
        text.append("\r\n");
        session.endRow(clock);
    }

    void sent(String data) {
        row('>', data, "");
    }

    void received(String data) {
        row('<', data, "");
    }

    void information(String data, String context) {
        row('*', data, context);
    }

    void endConnection(String peerIp, PlannedSession.Outcome outcome, TlsSuite suite) {
        session.endConnection(new PlannedSession.Connection(peerIp, outcome, suite));
    }

    private static void appendValue(StringBuilder out, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}

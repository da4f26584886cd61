package io.tlsaudit.assemble;

import io.tlsaudit.parse.LineProblemSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps one {@link StreamSessions} per {@link LogStream} for a whole run, so a connection whose rows continue in the
 * stream's next file is completed there. Not thread-safe.
 */
public final class SmtpSessionAssembler {

    private final Consumer<SmtpConnection> sink;
    private final LineProblemSink problems;
    private final Map<LogStream, StreamSessions> streams = new LinkedHashMap<>();

    /**
     * @param sink receives each finished connection
     * @param problems receives rows whose TLS text is broken
     */
    public SmtpSessionAssembler(Consumer<SmtpConnection> sink, LineProblemSink problems) {
        this.sink = sink;
        this.problems = problems;
    }

    /** The sessions of {@code stream}; look it up once per file, not per row. */
    public StreamSessions stream(LogStream stream) {
        return streams.computeIfAbsent(stream, s -> new StreamSessions(s, sink, problems));
    }

    /** Connections still open in all streams. */
    public int openCount() {
        return streams.values().stream().mapToInt(StreamSessions::openCount).sum();
    }
}

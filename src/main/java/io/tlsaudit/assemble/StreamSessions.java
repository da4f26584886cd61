package io.tlsaudit.assemble;

import io.tlsaudit.parse.Endpoint;
import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.LineProblemSink;
import io.tlsaudit.parse.smtp.CertificateRole;
import io.tlsaudit.parse.smtp.SingleRowCertificate;
import io.tlsaudit.parse.smtp.SmtpDirection;
import io.tlsaudit.parse.smtp.SmtpFact;
import io.tlsaudit.parse.smtp.SmtpRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Assembles the interleaved rows of one {@link LogStream} into connections, folding the {@link SmtpFact} of each
 * row into its connection's state. Rows of a connection may arrive from several files in turn; a connection is
 * emitted when its disconnect row arrives or when it has been idle too long. Connections still open are read with
 * {@link #openConnections()} and stored as pending. Not thread-safe: one stream is assembled on one thread.
 */
public final class StreamSessions {

    /** Exchange drops idle SMTP sessions after minutes; an hour without a row means the disconnect was never logged. */
    static final long IDLE_MICROS = 3_600_000_000L;

    private final LogStream stream;
    private final Consumer<SmtpConnection> sink;
    private final LineProblemSink problems;
    private final OpenSessions open = new OpenSessions();
    private final boolean send;
    private long latestMicros = Long.MIN_VALUE;

    StreamSessions(LogStream stream, Consumer<SmtpConnection> sink, LineProblemSink problems) {
        this.stream = stream;
        this.sink = sink;
        this.problems = problems;
        this.send = stream.direction() == SmtpDirection.SEND;
    }

    public LogStream stream() {
        return stream;
    }

    /** Connections still waiting for their disconnect row. */
    public int openCount() {
        return open.size();
    }

    /**
     * Adds one row; the row need not stay valid after the call.
     *
     * @param sourceFile how the row's file is named in storage and messages
     */
    public void accept(SmtpRecord row, String sourceFile) {
        SmtpFact fact = row.fact();
        SessionState session = open.get(row);
        if (session != null && fact == SmtpFact.CONNECT_ATTEMPT && session.connectAttempted) {
            // Exchange tries the next host of a domain under the same session id: the attempt before has ended.
            open.remove(session);
            sink.accept(session.toConnection(stream));
            session = null;
        }
        if (session == null) {
            session = new SessionState(row.sessionId(), sourceFile, row.lineNumber(), row.epochMicros());
            session.connector = row.connectorId();
            open.put(session);
        }
        session.rows++;
        long micros = row.epochMicros();
        session.startedMicros = Math.min(session.startedMicros, micros);
        session.lastMicros = Math.max(session.lastMicros, micros);
        latestMicros = Math.max(latestMicros, micros);
        // Send logs leave the local endpoint empty on the rows before the connect row, so each endpoint is taken
        // from the first row that has it; published logs may leave both empty throughout.
        if (session.local == null || session.local.host().isEmpty()) {
            session.local = Endpoint.parse(row.localEndpoint());
        }
        if (session.remote == null || session.remote.host().isEmpty()) {
            session.remote = Endpoint.parse(row.remoteEndpoint());
        }
        if (fact.isCommand()) {
            readCommand(session, row, fact);
        } else if (fact.isReply()) {
            readReply(session, row, fact);
        } else {
            readOther(session, row, fact, sourceFile);
        }
    }

    /** Emits connections with no row for {@link #IDLE_MICROS} before the newest row of the stream. */
    public void closeIdle() {
        long cutoff = latestMicros - IDLE_MICROS;
        for (SessionState session : open.all()) {
            if (session.lastMicros < cutoff) {
                open.remove(session);
                sink.accept(session.toConnection(stream));
            }
        }
    }

    /** Takes up a connection an earlier run left open; its next rows continue it. */
    public void resume(SmtpConnection pending) {
        SessionState state = SessionState.resumed(pending);
        open.put(state);
        latestMicros = Math.max(latestMicros, state.lastMicros);
    }

    /** The connections still open, as they stand: the snapshot stored as pending at each commit. */
    public List<SmtpConnection> openConnections() {
        List<SmtpConnection> snapshot = new ArrayList<>(open.size());
        for (SessionState session : open.all()) {
            snapshot.add(session.toConnection(stream));
        }
        return snapshot;
    }

    /**
     * Puts the stream back to an earlier state: exactly {@code openThen} open, as they stood then. Used before the
     * stream is read again from a file on, with the connections that were open at that file's start.
     */
    public void restore(List<SmtpConnection> openThen) {
        open.clear();
        latestMicros = Long.MIN_VALUE;
        openThen.forEach(this::resume);
    }

    private void end(SessionState session, String reason) {
        session.closed = true;
        session.disconnectReason = reason;
        open.remove(session);
        sink.accept(session.toConnection(stream));
    }

    private void readCommand(SessionState session, SmtpRecord row, SmtpFact fact) {
        session.awaitingHelloReply = fact == SmtpFact.HELLO;
        session.awaitingStarttlsReply = false;
        switch (fact) {
            case HELLO -> {
                session.helloSeen = true;
                if (!send && session.peerName == null) {
                    String name = row.helloName();
                    if (!name.isEmpty()) {
                        session.peerName = SessionState.capped(name);
                    }
                }
            }
            case STARTTLS -> {
                session.starttls = true;
                session.awaitingStarttlsReply = true;
            }
            case ANONYMOUS_TLS -> {
                session.starttls = true;
                session.anonymousTls = true;
                session.awaitingStarttlsReply = true;
            }
            case MAIL_FROM -> {
                session.messages++;
                String domain = row.senderDomain();
                if (domain != null) {
                    session.addSenderDomain(SessionState.capped(domain));
                }
            }
            case AUTH ->
                session.authMechanism = SessionState.capped(row.authMechanism()).toUpperCase(Locale.ROOT);
            default -> {
                // other commands only end the wait for a reply
            }
        }
    }

    private void readReply(SessionState session, SmtpRecord row, SmtpFact fact) {
        if (session.awaitingStarttlsReply) {
            session.awaitingStarttlsReply = false;
            if (fact == SmtpFact.REFUSAL && session.negotiation == null && session.tlsError == null) {
                session.tlsError = "STARTTLS refused: " + row.refusalCode();
            }
        }
        if (fact == SmtpFact.REPLY_250) {
            if (session.awaitingHelloReply) {
                session.helloReplySeen = true;
            }
            if (!session.starttlsAdvertised && row.advertisesStarttls()) {
                session.starttlsAdvertised = true;
            }
        }
        // Exchange's own replies on Receive logs name Exchange; on Send logs they name the peer.
        if (send && session.peerName == null && (fact == SmtpFact.REPLY_250 || fact == SmtpFact.REPLY_220)) {
            String host = row.replyHost();
            session.peerName = host == null ? null : SessionState.capped(host);
        }
    }

    private void readOther(SessionState session, SmtpRecord row, SmtpFact fact, String sourceFile) {
        switch (fact) {
            case CONNECT_ATTEMPT -> session.connectAttempted = true;
            // A connect that failed ends the attempt; Exchange writes no disconnect row after it.
            case CONNECT_FAILED -> end(session, SessionState.reason(row.context()));
            case DISCONNECT -> {
                String reason = row.context();
                end(session, reason.isEmpty() ? null : SessionState.reason(reason));
            }
            case TLS_SUCCESS -> {
                session.negotiation = row.tlsNegotiation();
                session.tlsError = null;
            }
            case TLS_FAILURE -> {
                if (session.negotiation == null) {
                    session.tlsError = row.tlsError();
                }
            }
            case TLS_BROKEN -> {
                // A cut result row still shows that TLS was attempted: the outcome is "not logged", never plaintext.
                session.starttls = true;
                problems.report(LineProblem.atLine(
                        sourceFile,
                        row.lineNumber(),
                        "TLS result text does not match the template 'TLS protocol {0} negotiation succeeded using"
                                + " bulk encryption algorithm {1} with strength {2} bits, ...'; no TLS result taken",
                        row.context()));
            }
            case CERTIFICATE_ROLE -> {
                session.certificateRole = row.certificateRole();
                SingleRowCertificate certificate = row.singleRowCertificate();
                if (certificate != null) {
                    readSingleRowCertificate(session, row.certificateRole(), certificate);
                }
            }
            case CERTIFICATE_FIELD -> readCertificateField(session, row);
            case USER_NAME -> session.authUser = SessionState.capped(row.userName());
            case AUTH_FAILED -> session.authFailed = true;
            default -> {
                // connect rows, permissions and other information rows change nothing
            }
        }
    }

    /**
     * One row of the multi-row certificate layout. Its role comes from the header row before it; when that row is
     * not in the logs (a log cut off mid-connection), the certificate is kept as unattributed rather than assigned a
     * side by guesswork.
     */
    private static void readCertificateField(SessionState session, SmtpRecord row) {
        String value = SessionState.capped(row.certificateValue());
        CertificateRole role = session.certificateRole;
        switch (row.certificateField()) {
            case SUBJECT -> {
                if (role == null) {
                    session.unattributedCertSubject = value;
                } else if (role == CertificateRole.LOCAL) {
                    session.certSubject = value;
                } else {
                    session.peerCertSubject = value;
                }
            }
            case ISSUER -> {
                if (role == null) {
                    session.unattributedCertIssuer = value;
                } else if (role == CertificateRole.LOCAL) {
                    session.certIssuer = value;
                } else {
                    session.peerCertIssuer = value;
                }
            }
            case THUMBPRINT -> {
                if (role == null) {
                    session.unattributedCertThumbprint = value;
                } else if (role == CertificateRole.LOCAL) {
                    session.certThumbprint = value;
                } else {
                    session.peerCertThumbprint = value;
                }
            }
        }
    }

    private static void readSingleRowCertificate(
            SessionState session, CertificateRole role, SingleRowCertificate certificate) {
        if (role == CertificateRole.LOCAL) {
            certificate.subject().map(SessionState::capped).ifPresent(s -> session.certSubject = s);
            certificate.issuer().map(SessionState::capped).ifPresent(s -> session.certIssuer = s);
            certificate.thumbprint().ifPresent(t -> session.certThumbprint = t);
        } else {
            certificate.subject().map(SessionState::capped).ifPresent(s -> session.peerCertSubject = s);
            certificate.issuer().map(SessionState::capped).ifPresent(s -> session.peerCertIssuer = s);
            certificate.thumbprint().ifPresent(t -> session.peerCertThumbprint = t);
        }
    }

    /**
     * The open connections by session id: ids of 16 upper-case hex digits, the form of real files, in an
     * open-addressing table keyed by the {@code long} they spell (no boxing, no String per row); other ids (GUIDs)
     * in a map by their text.
     */
    private static final class OpenSessions {
        private long[] keys = new long[1024];
        private SessionState[] values = new SessionState[1024];
        private int numericCount;
        private final Map<String, SessionState> byText = new HashMap<>();

        int size() {
            return numericCount + byText.size();
        }

        SessionState get(SmtpRecord row) {
            if (!row.hasNumericSessionId()) {
                return byText.get(row.sessionId());
            }
            long key = row.sessionKey();
            int mask = keys.length - 1;
            for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
                SessionState value = values[slot];
                if (value == null || keys[slot] == key) {
                    return value;
                }
            }
        }

        void put(SessionState session) {
            if (!session.hasNumericKey) {
                byText.put(session.sessionId, session);
                return;
            }
            if ((numericCount + 1) * 2 > keys.length) {
                grow();
            }
            if (insert(keys, values, session.numericKey, session)) {
                numericCount++;
            }
        }

        void remove(SessionState session) {
            if (!session.hasNumericKey) {
                byText.remove(session.sessionId);
                return;
            }
            int mask = keys.length - 1;
            int slot = slot(session.numericKey, mask);
            while (values[slot] != null && keys[slot] != session.numericKey) {
                slot = (slot + 1) & mask;
            }
            if (values[slot] == null) {
                return;
            }
            // Backward-shift deletion: later entries of the probe run move up, so no tombstones accumulate.
            int hole = slot;
            for (int next = (hole + 1) & mask; values[next] != null; next = (next + 1) & mask) {
                int home = slot(keys[next], mask);
                boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
                if (movable) {
                    keys[hole] = keys[next];
                    values[hole] = values[next];
                    hole = next;
                }
            }
            values[hole] = null;
            numericCount--;
        }

        /** A snapshot of every open connection, so the caller may remove while it walks them. */
        List<SessionState> all() {
            List<SessionState> all = new ArrayList<>(size());
            for (SessionState value : values) {
                if (value != null) {
                    all.add(value);
                }
            }
            all.addAll(byText.values());
            return all;
        }

        void clear() {
            keys = new long[1024];
            values = new SessionState[1024];
            numericCount = 0;
            byText.clear();
        }

        private void grow() {
            long[] newKeys = new long[keys.length * 2];
            SessionState[] newValues = new SessionState[values.length * 2];
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    insert(newKeys, newValues, keys[i], values[i]);
                }
            }
            keys = newKeys;
            values = newValues;
        }

        /** True when the key was new; an existing entry is replaced. */
        private static boolean insert(long[] keys, SessionState[] values, long key, SessionState value) {
            int mask = keys.length - 1;
            int slot = slot(key, mask);
            while (values[slot] != null && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            boolean added = values[slot] == null;
            keys[slot] = key;
            values[slot] = value;
            return added;
        }

        /** Session ids are mostly a clock in their high digits: mix all bits into the slot. */
        private static int slot(long key, int mask) {
            long mixed = key * 0x9E3779B97F4A7C15L;
            return (int) (mixed ^ (mixed >>> 32)) & mask;
        }
    }
}

package io.tlsaudit.testing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Receive logs of one Exchange server over four consecutive ISO weeks, written from a seeded plan so a test can
 * compute, without SQL, how each peer's legacy TLS changed from the previous week ({@link #PREVIOUS}) to the reported
 * one ({@link #REPORTED}). The week before and the week after them add history that only the first and last sighting
 * may see. Each peer follows a {@link Plan}; every plan occurs at least once. The same seed writes the same files.
 */
public final class LegacyPeerWeeks {

    /** Week indexes: history, the previous week, the reported week, a later week. */
    public static final int HISTORY = 0;

    public static final int PREVIOUS = 1;
    public static final int REPORTED = 2;
    public static final int LATER = 3;

    private static final String CONNECTOR = "EX01\\Default Frontend EX01";
    private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter HEADER_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
    private static final int MINUTES_PER_WEEK = 7 * 24 * 60;
    private static final List<TlsSuite> LEGACY_SUITES =
            List.of(TlsSuite.TLS10_3DES, TlsSuite.TLS11_AES_ECDHE, TlsSuite.SSL3_RC4, TlsSuite.TLS10_AES_ECDHE);

    /** What a peer does in the previous and the reported week. */
    public enum Plan {
        /** Legacy in both weeks, sometimes with TLS 1.2 connections beside. */
        STAYS_LEGACY,
        /** Legacy in the previous week, TLS 1.2 only in the reported one. */
        UPGRADES,
        /** Legacy in the previous week, not seen in the reported one (at most a connection without dialogue). */
        GOES_SILENT,
        /** Not seen in the previous week, legacy in the reported one. */
        APPEARS_LEGACY,
        /** TLS 1.2 only in the previous week, legacy in the reported one. */
        FALLS_BACK_TO_LEGACY,
        /** Legacy in the previous week, only plaintext or failed handshakes in the reported one. */
        LOSES_TLS,
        /** TLS 1.2 only in both weeks: never a legacy peer. */
        STAYS_MODERN
    }

    /** How one planned connection goes. */
    public enum Kind {
        LEGACY,
        MODERN,
        PLAINTEXT,
        FAILED,
        NO_DIALOGUE
    }

    /**
     * One planned connection.
     *
     * @param week {@link #HISTORY}, {@link #PREVIOUS}, {@link #REPORTED} or {@link #LATER}
     * @param peerName the EHLO name it sends; null for a connection without dialogue
     */
    public record Connection(int week, LocalDateTime start, Kind kind, String peerName) {}

    /** A peer, its plan and its connections in start order. */
    public record Peer(String remoteIp, Plan plan, List<Connection> connections) {
        public Peer {
            requireNonNull(remoteIp, "remoteIp is null");
            connections = List.copyOf(connections);
        }
    }

    private final LocalDate firstMonday;
    private final Random random;
    private final Set<LocalDateTime> taken = new HashSet<>();
    private final List<Peer> peers = new ArrayList<>();

    /**
     * Plans {@code peerCount} peers (at least one per {@link Plan}) over the four ISO weeks from {@code firstMonday}.
     */
    public LegacyPeerWeeks(long seed, int peerCount, LocalDate firstMonday) {
        if (firstMonday.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException(firstMonday + " is not a Monday");
        }
        if (peerCount < Plan.values().length) {
            throw new IllegalArgumentException("need at least one peer per plan: " + Plan.values().length);
        }
        this.firstMonday = firstMonday;
        this.random = new Random(seed);
        for (int i = 0; i < peerCount; i++) {
            Plan plan =
                    i < Plan.values().length ? Plan.values()[i] : Plan.values()[random.nextInt(Plan.values().length)];
            peers.add(plan(i, plan));
        }
    }

    /** The Monday 00:00 UTC that starts week {@code week}. */
    public LocalDateTime weekStart(int week) {
        return firstMonday.plusWeeks(week).atStartOfDay();
    }

    public List<Peer> peers() {
        return List.copyOf(peers);
    }

    /** Writes the receive logs under {@code share/EX01/...}, one daily file per day with connections. */
    public void write(Path share) {
        Map<LocalDate, List<Connection>> byDay = new TreeMap<>();
        Map<Connection, String> addresses = new HashMap<>();
        for (Peer peer : peers) {
            for (Connection connection : peer.connections()) {
                byDay.computeIfAbsent(connection.start().toLocalDate(), day -> new ArrayList<>())
                        .add(connection);
                addresses.put(connection, peer.remoteIp());
            }
        }
        long session = 0;
        Path folder = share.resolve("EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive");
        for (Map.Entry<LocalDate, List<Connection>> day : byDay.entrySet()) {
            List<String> lines = new ArrayList<>(SmtpLogFiles.header(
                    "Receive", HEADER_DATE.format(day.getKey().atStartOfDay())));
            List<Connection> connections = new ArrayList<>(day.getValue());
            connections.sort(Comparator.comparing(Connection::start));
            for (Connection connection : connections) {
                SmtpConnectionRows rows = SmtpConnectionRows.receive(
                        CONNECTOR,
                        SmtpConnectionRows.sessionId(++session),
                        connection.start(),
                        addresses.get(connection));
                lines.addAll(outcome(rows, connection).rows());
            }
            SmtpLogFiles.write(folder.resolve("RECV" + FILE_DAY.format(day.getKey()) + "-1.LOG"), lines);
        }
    }

    private SmtpConnectionRows outcome(SmtpConnectionRows rows, Connection connection) {
        if (connection.peerName() != null) {
            rows.peerName(connection.peerName());
        }
        return switch (connection.kind()) {
            case LEGACY ->
                rows.negotiated(
                        LEGACY_SUITES.get(Math.floorMod(connection.start().hashCode(), 4)));
            case MODERN -> rows.negotiated(TlsSuite.TLS12_GCM);
            case PLAINTEXT -> rows.plaintext();
            case FAILED -> rows.failed("SocketError");
            case NO_DIALOGUE -> rows.noDialogue();
        };
    }

    private Peer plan(int index, Plan plan) {
        String remoteIp = (index % 2 == 0 ? "198.51.100." : "203.0.113.") + (10 + index / 2);
        String name = "mx" + index + ".example.net";
        // Some peers change their EHLO name from one week to the next; history carries a name of its own that the
        // compared weeks never show.
        String reportedName = random.nextInt(4) == 0 ? "relay" + index + ".example.net" : name;
        List<Connection> connections = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            connections.add(connection(HISTORY, random.nextBoolean() ? Kind.LEGACY : Kind.MODERN, "old" + name));
        }
        switch (plan) {
            case STAYS_LEGACY -> {
                legacyWeek(connections, PREVIOUS, name);
                legacyWeek(connections, REPORTED, reportedName);
            }
            case UPGRADES -> {
                legacyWeek(connections, PREVIOUS, name);
                repeat(connections, REPORTED, Kind.MODERN, reportedName, 1 + random.nextInt(3));
            }
            case GOES_SILENT -> {
                legacyWeek(connections, PREVIOUS, name);
                repeat(connections, REPORTED, Kind.NO_DIALOGUE, null, random.nextInt(2));
            }
            case APPEARS_LEGACY -> legacyWeek(connections, REPORTED, reportedName);
            case FALLS_BACK_TO_LEGACY -> {
                repeat(connections, PREVIOUS, Kind.MODERN, name, 1 + random.nextInt(3));
                legacyWeek(connections, REPORTED, reportedName);
            }
            case LOSES_TLS -> {
                legacyWeek(connections, PREVIOUS, name);
                repeat(connections, REPORTED, Kind.PLAINTEXT, reportedName, random.nextInt(2));
                repeat(connections, REPORTED, Kind.FAILED, reportedName, 1 + random.nextInt(2));
            }
            case STAYS_MODERN -> {
                repeat(connections, PREVIOUS, Kind.MODERN, name, 1 + random.nextInt(3));
                repeat(connections, REPORTED, Kind.MODERN, reportedName, 1 + random.nextInt(3));
            }
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            connections.add(connection(LATER, random.nextBoolean() ? Kind.LEGACY : Kind.MODERN, reportedName));
        }
        connections.sort(Comparator.comparing(Connection::start));
        return new Peer(remoteIp, plan, connections);
    }

    /** One to three legacy connections in {@code week}, and up to two TLS 1.2 ones. */
    private void legacyWeek(List<Connection> connections, int week, String name) {
        repeat(connections, week, Kind.LEGACY, name, 1 + random.nextInt(3));
        repeat(connections, week, Kind.MODERN, name, random.nextInt(3));
    }

    private void repeat(List<Connection> connections, int week, Kind kind, String name, int count) {
        for (int i = 0; i < count; i++) {
            connections.add(connection(week, kind, kind == Kind.NO_DIALOGUE ? null : name));
        }
    }

    /**
     * A connection at a free minute of {@code week}; one in twelve sits on an edge of the week, its first instant
     * (Monday 00:00:00.000) or its last millisecond (Sunday 23:59:59.999), while that edge is free.
     */
    private Connection connection(int week, Kind kind, String name) {
        LocalDateTime start = weekStart(week);
        LocalDateTime candidate;
        int edge = random.nextInt(12);
        if (edge == 0 && !taken.contains(start)) {
            candidate = start;
        } else if (edge == 1 && !taken.contains(start.plusWeeks(1).minusNanos(1_000_000))) {
            candidate = start.plusWeeks(1).minusNanos(1_000_000);
        } else {
            do {
                // Minutes 1 to the second-to-last: a minute apart, the connections' rows never interleave.
                candidate = start.plusMinutes(1 + random.nextInt(MINUTES_PER_WEEK - 2))
                        .plusSeconds(random.nextInt(50));
            } while (taken.contains(candidate.withSecond(0)));
            taken.add(candidate.withSecond(0));
        }
        taken.add(candidate);
        return new Connection(week, candidate, kind, name);
    }
}

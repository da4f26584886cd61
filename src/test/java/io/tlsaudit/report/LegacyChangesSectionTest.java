package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.LegacyPeerWeeks;
import io.tlsaudit.testing.LegacyPeerWeeks.Connection;
import io.tlsaudit.testing.LegacyPeerWeeks.Kind;
import io.tlsaudit.testing.LegacyPeerWeeks.Peer;
import io.tlsaudit.testing.LegacyPeerWeeks.Plan;
import io.tlsaudit.testing.WindowedReports;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * legacy-changes over four generated weeks of receive logs, reported for the third: every row's change and counts
 * are computed here from the generator's own plan of each peer, never from SQL.
 */
class LegacyChangesSectionTest {

    private static final List<String> CHANGE_ORDER = List.of("new", "still", "no TLS now", "silent", "upgraded");

    @TempDir
    Path folder;

    @Test
    void classifiesEveryPeerAsItsPlanSays() throws Exception {
        LegacyPeerWeeks weeks = new LegacyPeerWeeks(20240311L, 40, LocalDate.of(2024, 2, 26));
        weeks.write(folder.resolve("share"));
        Path database = WindowedReports.ingest(folder.resolve("share"), folder.resolve("audit.duckdb"));

        ResultTable changes = WindowedReports.section(database, ReportWindow.isoWeek(2024, 11), "legacy-changes");

        assertEquals(
                List.of(
                        "source",
                        "direction",
                        "remote_ip",
                        "peer_names",
                        "change",
                        "connections",
                        "legacy_connections",
                        "previous_connections",
                        "previous_legacy_connections",
                        "first_seen_ever",
                        "last_seen_ever"),
                changes.columns());
        List<Expected> expected = new ArrayList<>();
        Map<Plan, String> changeOfPlan = new EnumMap<>(Plan.class);
        for (Peer peer : weeks.peers()) {
            Expected row = expected(peer);
            if (row != null) {
                expected.add(row);
                changeOfPlan.put(peer.plan(), row.change());
            }
        }
        expected.sort(Comparator.comparing((Expected row) -> CHANGE_ORDER.indexOf(row.change()))
                .thenComparing(Expected::legacyConnections, Comparator.reverseOrder())
                .thenComparing(Expected::previousLegacyConnections, Comparator.reverseOrder())
                .thenComparing(Expected::remoteIp));
        assertEquals(expected.stream().map(Expected::row).toList(), changes.rows());

        // The plans, as the section's vocabulary says them: every change occurs, and no modern-only peer is listed.
        assertEquals(
                Map.of(
                        Plan.STAYS_LEGACY, "still",
                        Plan.UPGRADES, "upgraded",
                        Plan.GOES_SILENT, "silent",
                        Plan.APPEARS_LEGACY, "new",
                        Plan.FALLS_BACK_TO_LEGACY, "new",
                        Plan.LOSES_TLS, "no TLS now"),
                changeOfPlan);
        assertTrue(
                weeks.peers().stream().anyMatch(peer -> peer.connections().stream()
                        .anyMatch(c -> c.start().equals(weeks.weekStart(LegacyPeerWeeks.REPORTED))
                                || c.start()
                                        .equals(weeks.weekStart(LegacyPeerWeeks.REPORTED)
                                                .minusNanos(1_000_000)))),
                "the seed puts a connection on an edge of the reported week");
    }

    /** The row the section must show for {@code peer}, or null when it was legacy in neither week. */
    private static Expected expected(Peer peer) {
        List<Connection> seen = peer.connections().stream()
                .filter(connection -> connection.kind() != Kind.NO_DIALOGUE)
                .toList();
        long now = count(seen, LegacyPeerWeeks.REPORTED, false);
        long legacyNow = count(seen, LegacyPeerWeeks.REPORTED, true);
        long before = count(seen, LegacyPeerWeeks.PREVIOUS, false);
        long legacyBefore = count(seen, LegacyPeerWeeks.PREVIOUS, true);
        if (legacyNow == 0 && legacyBefore == 0) {
            return null;
        }
        boolean modernNow =
                seen.stream().anyMatch(c -> c.week() == LegacyPeerWeeks.REPORTED && c.kind() == Kind.MODERN);
        String change;
        if (legacyNow > 0) {
            change = legacyBefore > 0 ? "still" : "new";
        } else if (now == 0) {
            change = "silent";
        } else {
            change = modernNow ? "upgraded" : "no TLS now";
        }
        String names = seen.stream()
                .filter(c -> c.week() == LegacyPeerWeeks.PREVIOUS || c.week() == LegacyPeerWeeks.REPORTED)
                .map(Connection::peerName)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .collect(Collectors.joining(", "));
        return new Expected(
                peer.remoteIp(),
                names,
                change,
                now,
                legacyNow,
                before,
                legacyBefore,
                seen.get(0).start(),
                seen.get(seen.size() - 1).start());
    }

    private static long count(List<Connection> connections, int week, boolean legacyOnly) {
        return connections.stream()
                .filter(c -> c.week() == week && (!legacyOnly || c.kind() == Kind.LEGACY))
                .count();
    }

    private record Expected(
            String remoteIp,
            String peerNames,
            String change,
            long connections,
            long legacyConnections,
            long previousConnections,
            long previousLegacyConnections,
            LocalDateTime firstSeen,
            LocalDateTime lastSeen) {

        List<Object> row() {
            return Arrays.asList(
                    "smtp",
                    "receive",
                    remoteIp,
                    peerNames,
                    change,
                    connections,
                    legacyConnections,
                    previousConnections,
                    previousLegacyConnections,
                    firstSeen,
                    lastSeen);
        }
    }
}

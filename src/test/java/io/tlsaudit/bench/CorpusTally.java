package io.tlsaudit.bench;

import io.tlsaudit.bench.PlannedSession.Connection;
import io.tlsaudit.bench.PlannedSession.Outcome;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generator's own record of what it wrote, counted from its decisions rather than by reading the files back:
 * the source of {@code corpus-manifest.txt}. One tally per generating task, merged at the end. A connection counts
 * when its last row (disconnect, or {@code Failed to connect}) was written; connections a service restart cut off
 * never end and are counted apart.
 */
final class CorpusTally {

    private static final byte LEGACY = 1;
    private static final byte MODERN = 2;

    long smtpFiles;
    long iisFiles;
    long bytes;
    long smtpRows;
    long iisRows;
    long iisLegacyRows;
    long connectionsCut;
    private long connections;
    private long negotiated;
    private long legacy;
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    // direction|ip -> LEGACY and/or MODERN: what the peer negotiated over all its complete connections
    private final Map<String, Byte> peers = new HashMap<>();

    void file(LogOutput output, boolean iis) {
        if (iis) {
            iisFiles++;
            iisRows += output.rows();
        } else {
            smtpFiles++;
            smtpRows += output.rows();
        }
        bytes += output.bytes();
    }

    void connection(String direction, Connection connection) {
        connections++;
        outcomes.merge(connection.outcome(), 1L, Long::sum);
        if (connection.outcome() != Outcome.NEGOTIATED) {
            return;
        }
        negotiated++;
        boolean isLegacy = connection.suite().legacy();
        if (isLegacy) {
            legacy++;
        }
        peers.merge(direction + "|" + connection.peerIp(), isLegacy ? LEGACY : MODERN, (a, b) -> (byte) (a | b));
    }

    void add(CorpusTally other) {
        smtpFiles += other.smtpFiles;
        iisFiles += other.iisFiles;
        bytes += other.bytes;
        smtpRows += other.smtpRows;
        iisRows += other.iisRows;
        iisLegacyRows += other.iisLegacyRows;
        connectionsCut += other.connectionsCut;
        connections += other.connections;
        negotiated += other.negotiated;
        legacy += other.legacy;
        other.outcomes.forEach((outcome, count) -> outcomes.merge(outcome, count, Long::sum));
        other.peers.forEach((peer, flags) -> peers.merge(peer, flags, (a, b) -> (byte) (a | b)));
    }

    /** The counts, as {@code key=value} lines in the order the manifest prints them. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("files", smtpFiles + iisFiles);
        counts.put("smtp_files", smtpFiles);
        counts.put("iis_files", iisFiles);
        counts.put("bytes", bytes);
        counts.put("rows", smtpRows + iisRows);
        counts.put("smtp_rows", smtpRows);
        counts.put("iis_rows", iisRows);
        counts.put("connections", connections);
        counts.put("connections_cut", connectionsCut);
        counts.put("negotiated_connections", negotiated);
        counts.put("legacy_connections", legacy);
        counts.put("failed_connections", outcomes.getOrDefault(Outcome.FAILED, 0L));
        counts.put("unlogged_connections", outcomes.getOrDefault(Outcome.UNLOGGED, 0L));
        counts.put("plaintext_connections", outcomes.getOrDefault(Outcome.NONE, 0L));
        counts.put("no_dialogue_connections", outcomes.getOrDefault(Outcome.NO_DIALOGUE, 0L));
        counts.put("tls_peers", (long) peers.size());
        counts.put(
                "legacy_only_peers",
                peers.values().stream().filter(flags -> flags == LEGACY).count());
        counts.put("iis_requests", iisRows);
        counts.put("iis_legacy_requests", iisLegacyRows);
        return counts;
    }
}

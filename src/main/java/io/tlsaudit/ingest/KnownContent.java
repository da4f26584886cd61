package io.tlsaudit.ingest;

import io.tlsaudit.discover.FileHead;
import io.tlsaudit.discover.LogFile;
import io.tlsaudit.store.IngestLedger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger by content: a log found under a name the ledger does not know (a share moved or mounted elsewhere, a
 * file renamed, a copy restored) is the log read before under another name when its format, service and server
 * agree and its first KiB and the 4 KiB before where that read stopped are the same bytes. Its first KiB holds the
 * header's creation time, so two different logs do not share it by chance.
 */
final class KnownContent {

    private final Map<Long, List<IngestLedger.FileRecord>> byHead = new HashMap<>();

    KnownContent(Collection<IngestLedger.FileRecord> entries) {
        for (IngestLedger.FileRecord entry : entries) {
            // Only entries whose read finished and kept both checksums can vouch for a log's content.
            if (entry.sizeBytes() != ReadPlan.UNFINISHED
                    && entry.headCrc() != 0
                    && entry.tailCrc() != IngestLedger.FileRecord.UNKNOWN_CRC
                    && entry.completeBytes() > 0
                    && !entry.path().contains("!/")) {
                byHead.computeIfAbsent(entry.headCrc(), crc -> new ArrayList<>())
                        .add(entry);
            }
        }
    }

    /**
     * The entry of the log {@code log} is under another name, if it is one read before; empty for a new log. Costs
     * one read of a KiB, and of 5 KiB for a candidate, and nothing while the ledger is empty.
     */
    Optional<IngestLedger.FileRecord> of(LogFile log) throws IOException {
        if (byHead.isEmpty() || log.archived()) {
            return Optional.empty();
        }
        long head = FileHead.crc(log.path(), FileHead.BYTES);
        for (IngestLedger.FileRecord entry : byHead.getOrDefault(head, List.of())) {
            boolean sameSource = entry.kind().equals(log.format().label())
                    && Objects.equals(entry.service(), log.service())
                    && (log.server().isEmpty()
                            || entry.server() == null
                            || entry.server().equals(log.server().get()));
            if (!sameSource || log.size() < entry.completeBytes() || entry.completeBytes() < FileHead.BYTES) {
                continue;
            }
            FileHead.Fingerprint now = FileHead.fingerprint(log.path(), entry.completeBytes());
            if (now.head() == entry.headCrc() && now.tail() == entry.tailCrc()) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}

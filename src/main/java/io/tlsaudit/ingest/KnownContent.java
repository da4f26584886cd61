package io.tlsaudit.ingest;

import io.tlsaudit.discover.FileHead;
import io.tlsaudit.discover.LogFile;
import io.tlsaudit.store.IngestLedger;
import java.io.IOException;
import java.io.InputStream;
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
     * The entry of a log found under another name, and whether the log ends where that read stopped: a log in an
     * archive cannot be read on from there, so it is that log, unchanged, only then. Costs no read for a log whose
     * first KiB no entry has (the walk read it), and 5 KiB for a candidate (a log in an archive: its content up to
     * where that read stopped).
     */
    record Found(IngestLedger.FileRecord entry, boolean endsThere) {}

    Optional<Found> found(LogFile log) throws IOException {
        if (byHead.isEmpty()) {
            return Optional.empty();
        }
        for (IngestLedger.FileRecord entry : byHead.getOrDefault(log.headCrc(), List.of())) {
            boolean sameSource = entry.kind().equals(log.format().label())
                    && Objects.equals(entry.service(), log.service())
                    && (log.server().isEmpty()
                            || entry.server() == null
                            || entry.server().equals(log.server().get()));
            if (!sameSource || entry.completeBytes() < FileHead.BYTES) {
                continue;
            }
            if (log.archived()) {
                try (InputStream content = log.member().orElseThrow().open()) {
                    FileHead.StreamFingerprint now = FileHead.fingerprint(content, entry.completeBytes());
                    if (matches(now.fingerprint(), entry)) {
                        return Optional.of(new Found(entry, now.endsThere()));
                    }
                }
            } else if (log.size() >= entry.completeBytes()
                    && matches(FileHead.fingerprint(log.path(), entry.completeBytes()), entry)) {
                return Optional.of(new Found(entry, log.size() == entry.sizeBytes()));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(FileHead.Fingerprint now, IngestLedger.FileRecord entry) {
        return now.head() == entry.headCrc() && now.tail() == entry.tailCrc();
    }
}

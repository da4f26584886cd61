package io.tlsaudit.discover;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * A log file found under an ingested root, with what its location says about it.
 *
 * @param path the file; for a log inside an archive, the archive
 * @param displayName how messages name it: relative to the working directory where possible
 * @param format recognised from the header
 * @param server the server the location names; empty when the location names none (the rows may)
 * @param service the transport service folder ({@code FrontEnd}, {@code Hub}, ...) or the IIS site ({@code W3SVC1})
 * @param orderKey files of a stream are read in this order, so connections continue from file to file
 * @param logType the header's {@code #Log-type} value, as read when the file was recognised; empty for IIS logs
 * @param size the file's size when it was found (an archive's, for a log inside one)
 * @param modified the file's modification time when it was found: the run is planned with these, not a second look
 * @param member where in the archive {@code path} the log is; empty for a plain file
 * @param headCrc the CRC-32 of its first KiB, as read when it was recognised: what the ledger knows its content by
 */
public record LogFile(
        Path path,
        String displayName,
        LogFormat format,
        Optional<String> server,
        String service,
        String orderKey,
        Optional<String> logType,
        long size,
        FileTime modified,
        Optional<ArchiveMember> member,
        long headCrc) {

    public LogFile {
        requireNonNull(path, "path is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(format, "format is null");
        requireNonNull(server, "server is null");
        requireNonNull(service, "service is null");
        requireNonNull(orderKey, "orderKey is null");
        requireNonNull(logType, "logType is null");
        requireNonNull(modified, "modified is null");
        requireNonNull(member, "member is null");
    }

    /**
     * How the database names the log: its absolute, normalised path, or for a log inside an archive the archive's
     * path with the entries on the way ({@code /share/EX01.zip!/TransportRoles/.../RECV2024031110-1.LOG}).
     */
    public String storedName() {
        return member.map(ArchiveMember::name)
                .orElseGet(() -> path.toAbsolutePath().normalize().toString());
    }

    /** True for a log inside an archive: it is read whole from its start and never grows. */
    public boolean archived() {
        return member.isPresent();
    }
}

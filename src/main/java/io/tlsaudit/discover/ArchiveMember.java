package io.tlsaudit.discover;

import static java.util.Objects.requireNonNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * A log inside an archive, read as a stream and never unpacked to disk: the whole of a {@code .gz} file, or an entry of
 * a {@code .zip} file, one level of nesting allowed ({@code EX01.zip} holding {@code RECV2024031110-1.LOG.gz} or
 * {@code logs-2024-03.zip}).
 *
 * @param archive the archive file on disk
 * @param entries the names to follow inside it, one per {@code .zip} on the way: empty for a {@code .gz} file;
 *     {@code [entry]} for an entry of a zip (a {@code .gz} entry is decompressed too); {@code [inner.zip, entry]} for
 *     an entry of a zip inside the zip
 */
public record ArchiveMember(Path archive, List<String> entries) {

    /** Archives inside an archive are opened; deeper ones are not (a share of logs never needs more). */
    public static final int MAX_NESTING = 1;

    public ArchiveMember {
        requireNonNull(archive, "archive is null");
        entries = List.copyOf(entries);
    }

    /** True for a file name tlsaudit reads as an archive: {@code .gz} or {@code .zip}, in any case. */
    public static boolean isArchiveName(String name) {
        return kindOf(name) != Kind.NONE;
    }

    enum Kind {
        GZIP,
        ZIP,
        NONE
    }

    static Kind kindOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            return Kind.GZIP;
        }
        return lower.endsWith(".zip") ? Kind.ZIP : Kind.NONE;
    }

    /** {@code name} without its {@code .gz} or {@code .zip} ending. */
    static String withoutArchiveEnding(String name) {
        return kindOf(name) == Kind.NONE ? name : name.substring(0, name.lastIndexOf('.'));
    }

    /**
     * How the database and messages name the member: the archive's path, then {@code !/entry} for each entry on the
     * way, as jar URLs do ({@code /share/EX01.zip!/SmtpReceive/RECV2024031110-1.LOG}).
     */
    public String name() {
        StringBuilder name = new StringBuilder(archive.toString());
        entries.forEach(entry -> name.append("!/").append(entry));
        return name.toString();
    }

    /** The decompressed bytes of the member, from its start; the caller closes the stream. */
    public InputStream open() throws IOException {
        String archiveName = archive.getFileName().toString();
        if (kindOf(archiveName) == Kind.ZIP) {
            if (entries.isEmpty()) {
                throw new IOException(name() + ": a zip file needs an entry name");
            }
            ZipFile zip = new ZipFile(archive.toFile());
            try {
                ZipEntry entry = zip.getEntry(entries.get(0));
                if (entry == null) {
                    throw new IOException(name() + ": no such entry (the archive changed since it was listed)");
                }
                InputStream content = closingAlso(zip.getInputStream(entry), zip);
                return inside(content, entries.get(0), entries.subList(1, entries.size()));
            } catch (IOException | RuntimeException failure) {
                zip.close();
                throw failure;
            }
        }
        return inside(Files.newInputStream(archive), archiveName, entries);
    }

    /** The member reached from {@code content}, named {@code name}, by following {@code rest}. */
    private InputStream inside(InputStream content, String name, List<String> rest) throws IOException {
        try {
            return switch (kindOf(name)) {
                case GZIP -> inside(new GZIPInputStream(content, 1 << 16), withoutArchiveEnding(name), rest);
                case ZIP -> {
                    if (rest.isEmpty()) {
                        throw new IOException(name() + ": " + name + " is a zip file, not a log");
                    }
                    ZipInputStream zip = new ZipInputStream(content);
                    ZipEntry entry;
                    while ((entry = zip.getNextEntry()) != null
                            && !entry.getName().equals(rest.get(0))) {
                        // ZipInputStream reads entries in order: skip to the one wanted
                    }
                    if (entry == null) {
                        throw new IOException(name() + ": no such entry (the archive changed since it was listed)");
                    }
                    yield inside(zip, rest.get(0), rest.subList(1, rest.size()));
                }
                case NONE -> {
                    if (!rest.isEmpty()) {
                        throw new IOException(name() + ": " + name + " is not an archive");
                    }
                    yield content;
                }
            };
        } catch (IOException | RuntimeException failure) {
            content.close();
            throw failure;
        }
    }

    private static InputStream closingAlso(InputStream input, AutoCloseable resource) {
        return new FilterInputStream(input) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    try {
                        resource.close();
                    } catch (IOException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IOException(e);
                    }
                }
            }
        };
    }
}

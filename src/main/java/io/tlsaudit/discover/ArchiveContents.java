package io.tlsaudit.discover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Lists the members of a {@code .gz} or {@code .zip} file with their headers, reading each as a stream. An archive
 * stands for the folder of its name: {@code EX01.zip} at a share's root is the folder {@code EX01} (its server), and
 * {@code RECV2024031110-1.LOG.gz} is the log {@code RECV2024031110-1.LOG}, so a log's location means the same packed
 * or not. A broken archive or entry is reported with its name and the rest goes on.
 */
final class ArchiveContents {

    private ArchiveContents() {}

    /**
     * A member and what it stands for.
     *
     * @param standsFor the path the member would have unpacked: beside the archive, in the folder named after it
     * @param contentSize its unpacked size as the zip's directory gives it; -1 where only reading it tells (a
     *     {@code .gz}, an entry of a nested zip)
     */
    record Listed(ArchiveMember member, Path standsFor, FileHeader header, long contentSize) {}

    /** An archive or entry that could not be read. */
    record Broken(String name, String reason) {}

    record Contents(List<Listed> members, List<Broken> broken) {}

    /** What {@code archive} stands for: the folder (zip) or the file (gz) of its name without the ending. */
    static Path standsFor(Path archive) {
        return archive.resolveSibling(
                ArchiveMember.withoutArchiveEnding(archive.getFileName().toString()));
    }

    static Contents of(Path archive) {
        List<Listed> members = new ArrayList<>();
        List<Broken> broken = new ArrayList<>();
        String fileName = archive.getFileName().toString();
        Path folder = standsFor(archive);
        switch (ArchiveMember.kindOf(fileName)) {
            case GZIP -> {
                ArchiveMember member = new ArchiveMember(archive, List.of());
                try (InputStream content = member.open()) {
                    members.add(new Listed(member, folder, FileHeader.read(content), gzipSize(archive)));
                } catch (IOException e) {
                    broken.add(new Broken(member.name(), "broken gzip file: " + describe(e)));
                }
            }
            case ZIP -> listZip(archive, folder, members, broken);
            case NONE -> throw new IllegalArgumentException(archive + " is not an archive");
        }
        return new Contents(members, broken);
    }

    private static void listZip(Path archive, Path folder, List<Listed> members, List<Broken> broken) {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                Path standsFor = below(folder, name);
                try (InputStream content = zip.getInputStream(entry)) {
                    switch (ArchiveMember.kindOf(name)) {
                        case GZIP -> {
                            ArchiveMember member = new ArchiveMember(archive, List.of(name));
                            InputStream unpacked = new GZIPInputStream(content, 1 << 16);
                            members.add(new Listed(member, standsFor(standsFor), FileHeader.read(unpacked), -1));
                        }
                        case ZIP -> listNestedZip(archive, name, content, standsFor(standsFor), members, broken);
                        case NONE ->
                            members.add(new Listed(
                                    new ArchiveMember(archive, List.of(name)),
                                    standsFor,
                                    FileHeader.read(content),
                                    entry.getSize()));
                    }
                } catch (IOException | RuntimeException e) {
                    broken.add(new Broken(archive + "!/" + name, "broken archive entry: " + describe(e)));
                }
            }
        } catch (ZipException e) {
            broken.add(new Broken(archive.toString(), "broken zip file: " + describe(e)));
        } catch (IOException e) {
            broken.add(new Broken(archive.toString(), "cannot read: " + describe(e)));
        }
    }

    /** The entries of a zip inside the zip; archives inside that are too deep and reported. */
    private static void listNestedZip(
            Path archive, String outer, InputStream content, Path folder, List<Listed> members, List<Broken> broken)
            throws IOException {
        ZipInputStream zip = new ZipInputStream(content);
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            if (entry.isDirectory()) {
                continue;
            }
            String name = entry.getName();
            String fullName = archive + "!/" + outer + "!/" + name;
            switch (ArchiveMember.kindOf(name)) {
                case ZIP ->
                    broken.add(new Broken(
                            fullName,
                            "an archive inside an archive inside an archive: only one level of nesting is read;"
                                    + " unpack the outer one"));
                case GZIP -> {
                    Path standsFor = below(folder, name);
                    members.add(new Listed(
                            new ArchiveMember(archive, List.of(outer, name)),
                            standsFor(standsFor),
                            FileHeader.read(new GZIPInputStream(zip, 1 << 16)),
                            -1));
                }
                case NONE ->
                    members.add(new Listed(
                            new ArchiveMember(archive, List.of(outer, name)),
                            below(folder, name),
                            FileHeader.read(zip),
                            entry.getSize()));
            }
        }
    }

    /**
     * The unpacked size a {@code .gz} file records in its last four bytes (modulo 2^32, of its last member): exact for
     * the one-member files gzip writes below 4 GiB, and otherwise a size no plain copy has, which only means a copy is
     * not recognised. -1 when it cannot be read.
     */
    static long gzipSize(Path archive) {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(archive.toFile(), "r")) {
            if (file.length() < 18) {
                return -1;
            }
            file.seek(file.length() - 4);
            byte[] size = new byte[4];
            file.readFully(size);
            return (size[0] & 0xFFL) | (size[1] & 0xFFL) << 8 | (size[2] & 0xFFL) << 16 | (size[3] & 0xFFL) << 24;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * {@code folder} with the entry's path below it. Entry names come from whoever made the archive: only plain name
     * parts are kept ({@code ..}, {@code .}, empty parts and drive letters dropped), so a name cannot point the
     * location outside the folder.
     */
    static Path below(Path folder, String entryName) {
        Path path = folder;
        for (String part : entryName.split("[/\\\\]")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.endsWith(":")) {
                continue;
            }
            path = path.resolve(part);
        }
        return path;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}

package io.tlsaudit.report;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder whose entries {@link ReportRetention} reads and deletes by name, never through a symbolic link. The
 * secure form works on an open directory handle ({@link SecureDirectoryStream}, on Linux), so an entry swapped for a
 * link between the look and the delete cannot redirect either outside the folder; the plain form, for platforms
 * without it, resolves names against the folder's path and checks each entry without following links.
 */
abstract class RetentionFolder implements Closeable {

    /** Which form {@link #open} returns; tests run both. */
    enum Access {
        SECURE_WHERE_AVAILABLE,
        PLAIN
    }

    static RetentionFolder open(Path dir, Access access) throws IOException {
        if (access == Access.SECURE_WHERE_AVAILABLE) {
            DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
            if (stream instanceof SecureDirectoryStream<Path> secure) {
                return new Secure(dir, secure);
            }
            stream.close();
        }
        return new Plain(dir);
    }

    /** The names of the entries, sorted; read once. */
    abstract List<String> names() throws IOException;

    /** The entry's own attributes (a link is a link), empty when it is gone. */
    abstract Optional<BasicFileAttributes> attributes(String name) throws IOException;

    /** The subfolder {@code name}; fails when it is not a folder, or a link to one. */
    abstract RetentionFolder open(String name) throws IOException;

    /** Deletes the file (or link) {@code name} itself. */
    abstract void deleteFile(String name) throws IOException;

    /** Deletes the empty folder {@code name}. */
    abstract void deleteFolder(String name) throws IOException;

    private static final class Secure extends RetentionFolder {
        private final Path path;
        private final SecureDirectoryStream<Path> stream;

        Secure(Path path, SecureDirectoryStream<Path> stream) {
            this.path = path;
            this.stream = stream;
        }

        private Path relative(String name) {
            return path.getFileSystem().getPath(name);
        }

        @Override
        List<String> names() {
            List<String> names = new ArrayList<>();
            for (Path entry : stream) {
                names.add(entry.getFileName().toString());
            }
            names.sort(null);
            return names;
        }

        @Override
        Optional<BasicFileAttributes> attributes(String name) throws IOException {
            try {
                return Optional.of(stream.getFileAttributeView(
                                relative(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes());
            } catch (NoSuchFileException gone) {
                return Optional.empty();
            }
        }

        @Override
        RetentionFolder open(String name) throws IOException {
            // NOFOLLOW_LINKS: opening a link fails instead of entering its target
            SecureDirectoryStream<Path> child = stream.newDirectoryStream(relative(name), LinkOption.NOFOLLOW_LINKS);
            return new Secure(path.resolve(name), child);
        }

        @Override
        void deleteFile(String name) throws IOException {
            stream.deleteFile(relative(name));
        }

        @Override
        void deleteFolder(String name) throws IOException {
            stream.deleteDirectory(relative(name));
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    private static final class Plain extends RetentionFolder {
        private final Path path;

        Plain(Path path) {
            this.path = path;
        }

        @Override
        List<String> names() throws IOException {
            try (Stream<Path> entries = Files.list(path)) {
                return entries.map(entry -> entry.getFileName().toString())
                        .sorted()
                        .toList();
            }
        }

        @Override
        Optional<BasicFileAttributes> attributes(String name) throws IOException {
            try {
                return Optional.of(
                        Files.readAttributes(path.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
            } catch (NoSuchFileException gone) {
                return Optional.empty();
            }
        }

        @Override
        RetentionFolder open(String name) throws IOException {
            Optional<BasicFileAttributes> attributes = attributes(name);
            if (attributes.isEmpty()) {
                throw new NoSuchFileException(path.resolve(name).toString());
            }
            if (!attributes.get().isDirectory()
                    || attributes.get().isSymbolicLink()
                    || attributes.get().isOther()) {
                throw new NotDirectoryException(path.resolve(name).toString());
            }
            return new Plain(path.resolve(name));
        }

        @Override
        void deleteFile(String name) throws IOException {
            Files.delete(path.resolve(name));
        }

        @Override
        void deleteFolder(String name) throws IOException {
            Files.delete(path.resolve(name));
        }

        @Override
        public void close() {}
    }
}

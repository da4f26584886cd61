package io.tlsaudit.discover;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks the roots of one run and hands over each regular file to read, once, with the root it was found under.
 * Symbolic links to files and folders are followed, a linked root too. What is found twice (two links to one
 * target, a link and the real path, overlapping roots, hard links) is handed over once, under the first path found:
 * each root's own folders are walked before the links found in them, so a file's real path wins over a link to it.
 * A link to a folder that holds it is reported once as a loop, not followed. Folders and files that cannot be read,
 * dangling links and files left out by the {@link FileSelection} are reported as skipped, and the walk goes on.
 *
 * <p>Files and folders are the same when their file key (device and inode) is, or, where the platform has none, their
 * real path. Within a folder, names are taken in order, the stem before the extension ({@code RECV-1.LOG} before
 * {@code RECV-1 - Copy.LOG}), so which of two paths counts as the first is the same on every run.
 */
final class ShareWalker {

    /** What the walk finds. */
    interface Visitor {
        /**
         * A regular file to read.
         *
         * @param base the folder its location is told from: the root, or for a root that is a file, its folder
         * @param file the file as found, through any links, below {@code base}
         * @param attributes of the file itself (a link's target)
         */
        void file(Path base, Path file, BasicFileAttributes attributes);

        /** A file or folder that is not read, and why. */
        void skipped(SkippedFile skipped);
    }

    // Sorting by stem first puts an original before copies of it that Windows names after it.
    private static final Comparator<Path> NAME_ORDER = Comparator.comparing((Path path) -> stem(path))
            .thenComparing(path -> path.getFileName().toString());

    private static final int MAX_LINK_HOPS = 40;

    private final FileSelection selection;
    private final Function<Path, String> displayName;
    private final Visitor visitor;
    private final Map<Object, String> foldersSeen = new HashMap<>();
    private final Map<Object, String> filesSeen = new HashMap<>();
    /** Links found and not yet followed: after the folders of their root, in the order found. */
    private final Deque<Link> links = new ArrayDeque<>();

    /**
     * @param displayName how messages name a path
     */
    ShareWalker(FileSelection selection, Function<Path, String> displayName, Visitor visitor) {
        this.selection = selection;
        this.displayName = displayName;
        this.visitor = visitor;
    }

    /** The folders from the root down to a folder being walked, by identity: what a link must not lead back to. */
    private record Ancestors(Object identity, String name, Ancestors parent) {
        Optional<String> nameOf(Object folder) {
            for (Ancestors at = this; at != null; at = at.parent) {
                if (at.identity.equals(folder)) {
                    return Optional.of(at.name);
                }
            }
            return Optional.empty();
        }
    }

    private record Folder(Path path, Ancestors ancestors) {}

    private record Link(Path base, Path path, Ancestors ancestors) {}

    /**
     * Walks one root, a folder or a file, or a link to either.
     *
     * @throws NoSuchFileException when the root does not exist or is a dangling link: nothing to walk, and most
     *     likely a mistyped path
     * @throws IOException when the root's attributes cannot be read
     */
    void walk(Path given) throws IOException {
        // Absolute from the start: a relative single file (RECV2024031110-1.LOG) has no parent to walk from.
        Path root = given.toAbsolutePath().normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(root)) {
                throw new NoSuchFileException(
                        given.toString(), null, "broken symbolic link: its target " + linkTarget(root) + " is missing");
            }
            throw new NoSuchFileException(given.toString(), null, "no such file or folder");
        }
        if (attributes.isDirectory()) {
            Object identity = identity(root, attributes);
            String first = foldersSeen.putIfAbsent(identity, folderName(root));
            if (first != null) {
                skip(folderName(root), "same folder as " + first + ", which is read", SkippedFile.Kind.SAME_FILE);
                return;
            }
            walkFolders(root, new Folder(root, new Ancestors(identity, folderName(root), null)));
        } else {
            Path base = root.getParent();
            entry(base, root, attributes);
        }
        followLinks();
    }

    private void followLinks() {
        Link link;
        while ((link = links.poll()) != null) {
            follow(link);
        }
    }

    /** Walks {@code start} and every folder below it, depth first in name order; links wait in {@link #links}. */
    private void walkFolders(Path base, Folder start) {
        Deque<Folder> pending = new ArrayDeque<>();
        pending.push(start);
        while (!pending.isEmpty()) {
            Folder folder = pending.pop();
            List<Path> entries;
            try {
                entries = list(folder.path());
            } catch (IOException e) {
                skip(
                        folderName(folder.path()),
                        "cannot read the folder: " + FileFailures.describe(e),
                        SkippedFile.Kind.UNREADABLE);
                continue;
            }
            List<Folder> below = new ArrayList<>();
            for (Path entry : entries) {
                BasicFileAttributes own;
                try {
                    own = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    skip(
                            displayName.apply(entry),
                            "cannot read: " + FileFailures.describe(e),
                            SkippedFile.Kind.UNREADABLE);
                    continue;
                }
                if (own.isSymbolicLink()) {
                    links.add(new Link(base, entry, folder.ancestors()));
                } else if (own.isDirectory()) {
                    folder(base, entry, own, folder.ancestors()).ifPresent(below::add);
                } else {
                    entry(base, entry, own);
                }
            }
            for (int i = below.size() - 1; i >= 0; i--) {
                pending.push(below.get(i)); // so the first in name order is walked first
            }
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path entry : stream) {
                entries.add(entry);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        entries.sort(NAME_ORDER);
        return entries;
    }

    /** The folder to walk, when it is neither excluded nor walked already, nor one that holds it (a loop). */
    private Optional<Folder> folder(Path base, Path path, BasicFileAttributes attributes, Ancestors ancestors) {
        String name = folderName(path);
        Optional<String> leftOut =
                selection.takesAll() ? Optional.empty() : selection.folderLeftOut(relative(base, path));
        if (leftOut.isPresent()) {
            skip(name, leftOut.get(), SkippedFile.Kind.EXCLUDED);
            return Optional.empty();
        }
        Object identity = identity(path, attributes);
        Optional<String> holder = ancestors.nameOf(identity);
        if (holder.isPresent()) {
            skip(
                    name,
                    "symbolic link loop: it leads back to " + holder.get() + ", which holds it",
                    SkippedFile.Kind.LINK_LOOP);
            return Optional.empty();
        }
        String first = foldersSeen.putIfAbsent(identity, name);
        if (first != null) {
            skip(name, "same folder as " + first + ", which is read", SkippedFile.Kind.SAME_FILE);
            return Optional.empty();
        }
        return Optional.of(new Folder(path, new Ancestors(identity, name, ancestors)));
    }

    /** A file found (a regular file, or something else that is no log): handed over once unless left out. */
    private void entry(Path base, Path path, BasicFileAttributes attributes) {
        String name = displayName.apply(path);
        // An archive stands for a folder of logs: it is left out only where an exclude covers all it could hold; the
        // globs judge its members by where they would have unpacked.
        boolean archive = ArchiveMember.isArchiveName(path.getFileName().toString());
        Optional<String> leftOut = selection.takesAll()
                ? Optional.empty()
                : archive
                        ? selection.folderLeftOut(relative(base, ArchiveContents.standsFor(path)))
                        : selection.leftOut(relative(base, path));
        if (leftOut.isPresent()) {
            skip(name, leftOut.get(), SkippedFile.Kind.EXCLUDED);
            return;
        }
        if (!attributes.isRegularFile()) {
            skip(name, "not a regular file (a device, pipe or socket)", SkippedFile.Kind.NOT_A_LOG);
            return;
        }
        String first = filesSeen.putIfAbsent(identity(path, attributes), name);
        if (first != null) {
            skip(name, "same file as " + first + ", which is read", SkippedFile.Kind.SAME_FILE);
            return;
        }
        visitor.file(base, path, attributes);
    }

    /** Follows a link to its target: a folder is walked as if it were here, a file taken as if it lay here. */
    private void follow(Link link) {
        Path path = link.path();
        String name = displayName.apply(path);
        // Only excludes are asked before the target is known: an --include for files must not hide a folder link.
        Optional<String> excluded =
                selection.takesAll() ? Optional.empty() : selection.folderLeftOut(relative(link.base(), path));
        if (excluded.isPresent()) {
            skip(name, excluded.get(), SkippedFile.Kind.EXCLUDED);
            return;
        }
        BasicFileAttributes target;
        try {
            target = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (!Files.isSymbolicLink(path)) {
                skip(name, "cannot read: " + FileFailures.describe(e), SkippedFile.Kind.UNREADABLE);
            } else if (linksInACircle(path)) {
                skip(name, "symbolic link loop: its links lead back to each other", SkippedFile.Kind.LINK_LOOP);
            } else {
                skip(
                        name,
                        "broken symbolic link: its target " + linkTarget(path) + " is missing",
                        SkippedFile.Kind.BROKEN_LINK);
            }
            return;
        } catch (AccessDeniedException e) {
            skip(name, "cannot read: " + FileFailures.describe(e), SkippedFile.Kind.UNREADABLE);
            return;
        } catch (IOException e) {
            // Linux says ELOOP ("Too many levels of symbolic links") for links that point at each other.
            if (linksInACircle(path)) {
                skip(name, "symbolic link loop: its links lead back to each other", SkippedFile.Kind.LINK_LOOP);
            } else {
                skip(name, "cannot read: " + FileFailures.describe(e), SkippedFile.Kind.UNREADABLE);
            }
            return;
        }
        if (target.isDirectory()) {
            folder(link.base(), path, target, link.ancestors()).ifPresent(folder -> walkFolders(link.base(), folder));
        } else {
            entry(link.base(), path, target);
        }
    }

    /** True when following {@code link} from link to link comes back to a link already passed. */
    private static boolean linksInACircle(Path link) {
        Set<Path> passed = new HashSet<>();
        Path at = link;
        for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
            if (!Files.isSymbolicLink(at)) {
                return false;
            }
            if (!passed.add(at)) {
                return true;
            }
            try {
                at = at.resolveSibling(Files.readSymbolicLink(at)).normalize();
            } catch (IOException e) {
                return false;
            }
        }
        return true; // more hops than any system follows
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    /** What tells two paths to one file or folder apart from two files: the file key, else the real path. */
    private static Object identity(Path path, BasicFileAttributes attributes) {
        if (attributes.fileKey() != null) {
            return attributes.fileKey();
        }
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize().toString();
        }
    }

    /** The path below {@code base} with {@code /} between names, as globs are matched. */
    static String relative(Path base, Path path) {
        Path relative = base.relativize(path);
        StringBuilder text = new StringBuilder();
        for (Path name : relative) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(name);
        }
        return text.toString();
    }

    private String folderName(Path folder) {
        String name = displayName.apply(folder);
        return name.isEmpty() ? "." + File.separator : name + File.separator;
    }

    private static String stem(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private void skip(String name, String reason, SkippedFile.Kind kind) {
        visitor.skipped(new SkippedFile(name, reason, kind));
    }
}

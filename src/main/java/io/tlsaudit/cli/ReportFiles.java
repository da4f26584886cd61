package io.tlsaudit.cli;

import io.tlsaudit.report.Report;
import io.tlsaudit.report.ReportRetention;
import io.tlsaudit.report.ReportSection;
import io.tlsaudit.report.render.OutputFormat;
import io.tlsaudit.report.render.Renderers;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes a report for {@code --out}: to one file, or into a folder as {@code tlsaudit-WINDOW.EXT}, CSV as a folder of
 * one file per section. Every file is written beside its target and moved into place, so a reader (a mail job, a web
 * server) never sees half a file and a failed run leaves the previous one.
 */
final class ReportFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ReportFiles() {}

    /** True when {@code out} means a folder: an existing one, or a name that ends with a separator or has no extension. */
    static boolean isFolder(Path out, String asGiven) {
        if (Files.isDirectory(out)) {
            return true;
        }
        if (asGiven.endsWith("/") || asGiven.endsWith(java.io.File.separator)) {
            return true;
        }
        return extensionOf(out).isEmpty();
    }

    /** The format a file name asks for by its extension. */
    static Optional<OutputFormat> formatOf(Path file) {
        String extension = extensionOf(file).orElse("");
        return Arrays.stream(OutputFormat.values())
                .filter(format -> format.extension().equals(extension))
                .findFirst();
    }

    /**
     * Writes {@code report} into {@code folder} in each of {@code formats}, a table {@code wide} if asked; returns
     * the paths written.
     */
    static List<Path> writeInto(Path folder, Report report, List<OutputFormat> formats, boolean wide)
            throws IOException {
        Files.createDirectories(folder);
        String name = ReportRetention.FILE_PREFIX + report.window().label();
        List<Path> written = new ArrayList<>();
        for (OutputFormat format : formats) {
            if (format == OutputFormat.CSV) {
                written.add(writeCsvFolder(folder.resolve(name), report));
            } else {
                Path file = folder.resolve(name + "." + format.extension());
                writeFile(file, out -> Renderers.of(format, wide).renderReport(report, out));
                written.add(file);
            }
        }
        return written;
    }

    /** Writes {@code content} to {@code file} through a temporary file beside it. */
    static void writeFile(Path file, Consumer<PrintWriter> content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Files.createFile, unlike createTempFile, leaves the permissions to the umask: a mail job or web server
        // running as another user reads the report as it would any file written here.
        Path partial =
                parent.resolve("." + file.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".partial");
        Files.createFile(partial);
        try {
            try (PrintWriter out =
                    new PrintWriter(new OutputStreamWriter(Files.newOutputStream(partial), StandardCharsets.UTF_8))) {
                content.accept(out);
                if (out.checkError()) {
                    throw new IOException("cannot write " + partial);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            moveIntoPlace(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * One {@code SECTION.csv} per section in the folder {@code target}, each replaced in place; nothing else in the
     * folder is touched. A link at {@code target} is refused rather than written through.
     */
    private static Path writeCsvFolder(Path target, Report report) throws IOException {
        if (Files.isSymbolicLink(target)) {
            throw new IOException(target + " is a symbolic link; the section files are not written through it");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " exists and is not a folder");
        }
        Files.createDirectories(target);
        List<ReportSection> sections = new ArrayList<>();
        sections.add(report.overview());
        sections.addAll(report.sections());
        for (ReportSection section : sections) {
            Path file = target.resolve(section.id() + ".csv");
            if (Files.isSymbolicLink(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(file + " is a symbolic link or a folder; not replaced");
            }
            writeFile(file, out -> OutputFormat.CSV.renderer().renderTable(section.table(), out));
        }
        return target;
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Optional<String> extensionOf(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String text = name.toString();
        int dot = text.lastIndexOf('.');
        return dot <= 0 || dot == text.length() - 1
                ? Optional.empty()
                : Optional.of(text.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}

package io.tlsaudit.report;

import static java.util.Objects.requireNonNull;

import io.tlsaudit.report.render.OutputFormat;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Deletes the weekly reports that have aged out of a report folder, and nothing else.
 *
 * <p>A report is a regular file named exactly {@code tlsaudit-YYYY-Www.EXT}, EXT one of {@code html}, {@code md},
 * {@code json}, {@code csv}, {@code txt}, or a folder named exactly {@code tlsaudit-YYYY-Www} that holds nothing but
 * regular {@code .csv} files (one per section). {@code YYYY-Www} must be a week that exists: {@code 2026-W53} does,
 * {@code 2025-W53} and {@code 2026-W99} do not, so such names are left alone like any other. Only the entries
 * directly in the folder are looked at; symbolic links (and Windows junctions) are neither followed nor deleted,
 * and a report folder holding anything else (a subfolder, a link, a note) is kept whole.
 *
 * <p>Where the platform offers it (Linux), entries are examined and deleted relative to the open folder, so a name
 * swapped for a link while the folder is pruned still cannot lead outside it.
 */
public final class ReportRetention {

    /** How every report file and CSV folder is named: this, then the window's label ({@code 2026-W47}). */
    public static final String FILE_PREFIX = "tlsaudit-";

    // The extensions are those of the output formats, so a format added there is pruned too.
    private static final Pattern REPORT_FILE = Pattern.compile(Pattern.quote(FILE_PREFIX) + "(\\d{4})-W(\\d{2})\\.("
            + Arrays.stream(OutputFormat.values()).map(OutputFormat::extension).collect(Collectors.joining("|"))
            + ")");
    private static final Pattern REPORT_FOLDER = Pattern.compile(Pattern.quote(FILE_PREFIX) + "(\\d{4})-W(\\d{2})");
    private static final String SECTION_FILE_SUFFIX = ".csv";

    private ReportRetention() {}

    /**
     * Deletes the reports in {@code dir} of the ISO weeks more than {@code keepWeeks} weeks before the ISO week of
     * {@code today}: with {@code keepWeeks} 26, a prune in 2026-W48 keeps 2026-W22 to 2026-W47 (and the reports of
     * 2026-W48 and later, should there be any) and deletes 2026-W21 and older. With 1, only last week's report stays.
     *
     * @param dir the report folder; it may itself be a symbolic link, its entries are never followed
     * @param keepWeeks how many weeks of reports before this week to keep; at least 1
     * @param today the date whose ISO week counts as this week
     * @return what was deleted, files and section folders, in name order
     * @throws IOException when the folder cannot be read or a report cannot be deleted; what was deleted before
     *     stays deleted
     */
    public static List<Path> prune(Path dir, int keepWeeks, LocalDate today) throws IOException {
        return prune(dir, keepWeeks, today, RetentionFolder.Access.SECURE_WHERE_AVAILABLE);
    }

    static List<Path> prune(Path dir, int keepWeeks, LocalDate today, RetentionFolder.Access access)
            throws IOException {
        requireNonNull(dir, "dir is null");
        requireNonNull(today, "today is null");
        if (keepWeeks < 1) {
            throw new IllegalArgumentException("keepWeeks is " + keepWeeks + "; at least 1 week of reports is kept");
        }
        LocalDate thisMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Path> deleted = new ArrayList<>();
        try (RetentionFolder folder = RetentionFolder.open(dir, access)) {
            for (String name : folder.names()) {
                Matcher file = REPORT_FILE.matcher(name);
                Matcher sectionFolder = REPORT_FOLDER.matcher(name);
                Matcher report = file.matches() ? file : sectionFolder.matches() ? sectionFolder : null;
                if (report == null) {
                    continue;
                }
                Optional<LocalDate> monday = mondayOf(report.group(1), report.group(2));
                if (monday.isEmpty() || ChronoUnit.WEEKS.between(monday.get(), thisMonday) <= keepWeeks) {
                    continue;
                }
                Optional<BasicFileAttributes> attributes = folder.attributes(name);
                if (attributes.isEmpty()) {
                    continue;
                }
                if (report == file && attributes.get().isRegularFile()) {
                    if (deleteFile(folder, name)) {
                        deleted.add(dir.resolve(name));
                    }
                } else if (report == sectionFolder && isPlainFolder(attributes.get())) {
                    if (deleteSectionFolder(folder, name)) {
                        deleted.add(dir.resolve(name));
                    }
                }
            }
        }
        return List.copyOf(deleted);
    }

    /** The Monday of ISO week {@code week} of ISO week-based year {@code year}, empty for a week that does not exist. */
    static Optional<LocalDate> mondayOf(String year, String week) {
        int isoYear = Integer.parseInt(year);
        int isoWeek = Integer.parseInt(week);
        if (isoWeek < 1 || isoWeek > ReportWindow.weeksIn(isoYear)) {
            return Optional.empty();
        }
        return Optional.of(
                ReportWindow.isoWeek(isoYear, isoWeek).since().orElseThrow().toLocalDate());
    }

    /** A folder, not a link to one; on Windows a junction is a directory that is also "other". */
    private static boolean isPlainFolder(BasicFileAttributes attributes) {
        return attributes.isDirectory() && !attributes.isSymbolicLink() && !attributes.isOther();
    }

    /** False when the file went away meanwhile. */
    private static boolean deleteFile(RetentionFolder folder, String name) throws IOException {
        try {
            folder.deleteFile(name);
            return true;
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    /** Deletes the section files and then the folder, unless it holds anything but regular {@code .csv} files. */
    private static boolean deleteSectionFolder(RetentionFolder parent, String name) throws IOException {
        try (RetentionFolder sections = parent.open(name)) {
            List<String> files = sections.names();
            for (String file : files) {
                Optional<BasicFileAttributes> attributes = sections.attributes(file);
                boolean sectionFile = file.length() > SECTION_FILE_SUFFIX.length()
                        && file.endsWith(SECTION_FILE_SUFFIX)
                        && attributes.isPresent()
                        && attributes.get().isRegularFile();
                if (!sectionFile) {
                    return false;
                }
            }
            for (String file : files) {
                deleteFile(sections, file);
            }
        } catch (NoSuchFileException | NotDirectoryException replacedMeanwhile) {
            return false;
        }
        try {
            parent.deleteFolder(name);
            return true;
        } catch (DirectoryNotEmptyException | NoSuchFileException changedMeanwhile) {
            // something was written into it (or it was removed) while it was pruned: it stays as it is now
            return false;
        }
    }
}

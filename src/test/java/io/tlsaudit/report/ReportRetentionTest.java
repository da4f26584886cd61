package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportRetentionTest {

    /** Wednesday of 2026-W48 (Monday 2026-11-23). */
    private static final LocalDate WEEK_48 = LocalDate.of(2026, 11, 25);

    @TempDir
    Path temp;

    private Path reports() throws IOException {
        return Files.createDirectories(temp.resolve("reports"));
    }

    private static Path file(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve(name), name);
    }

    private static Path sectionFolder(Path dir, String name, String... files) throws IOException {
        Path folder = Files.createDirectory(dir.resolve(name));
        for (String section : files) {
            file(folder, section);
        }
        return folder;
    }

    /** Every path below {@code dir}, relative to it, links included and not followed. */
    private static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            Set<String> names = new TreeSet<>();
            paths.filter(path -> !path.equals(dir))
                    .forEach(path -> names.add(dir.relativize(path).toString().replace('\\', '/')));
            return names;
        }
    }

    @ParameterizedTest
    @EnumSource(RetentionFolder.Access.class)
    void deletesOnlyExactReportNamesOfWeeksOlderThanTheKeptOnes(RetentionFolder.Access access) throws IOException {
        Path dir = reports();
        // kept: this week, and the two weeks before it (keep 2)
        for (String extension : List.of("html", "md", "json", "csv", "txt")) {
            file(dir, "tlsaudit-2026-W47." + extension);
            file(dir, "tlsaudit-2026-W45." + extension);
        }
        file(dir, "tlsaudit-2026-W46.html");
        file(dir, "tlsaudit-2026-W48.html");
        file(dir, "tlsaudit-2027-W01.html");
        sectionFolder(dir, "tlsaudit-2026-W47", "legacy-peers.csv", "overview.csv");
        // old enough, and exactly named
        sectionFolder(dir, "tlsaudit-2026-W45", "legacy-peers.csv", "overview.csv");
        sectionFolder(dir, "tlsaudit-2026-W44");
        file(dir, "tlsaudit-2025-W52.json");
        file(dir, "tlsaudit-2020-W53.md");
        // old weeks, but not a report as written
        file(dir, "tlsaudit-2026-W40.html.bak");
        file(dir, "tlsaudit-2026-W40.pdf");
        file(dir, "tlsaudit-2026-W40.HTML");
        file(dir, "TLSAUDIT-2026-W40.html");
        file(dir, "tlsaudit-2026-w40.html");
        file(dir, "tlsaudit-2026-W4.html");
        file(dir, "tlsaudit-26-W40.html");
        file(dir, "tlsaudit-2026-W40");
        file(dir, "xtlsaudit-2026-W40.html");
        file(dir, "tlsaudit-2026-W40.html ");
        file(dir, "tlsaudit-2026-W99.html");
        file(dir, "tlsaudit-2026-W00.html");
        file(dir, "tlsaudit-2025-W53.html");
        file(dir, "tlsaudit-schedule.log");
        Files.createDirectory(dir.resolve("tlsaudit-2026-W39.html"));
        sectionFolder(dir, "tlsaudit-2026-W38", "legacy-peers.csv", "notes.txt");
        Path withSubfolder = sectionFolder(dir, "tlsaudit-2026-W37", "legacy-peers.csv");
        Files.createDirectory(withSubfolder.resolve("old.csv"));
        sectionFolder(dir, "tlsaudit-2026-W36", "legacy-peers.csv", ".csv");
        Set<String> before = tree(dir);

        List<Path> deleted = ReportRetention.prune(dir, 2, WEEK_48, access);

        List<String> expected = List.of(
                "tlsaudit-2020-W53.md",
                "tlsaudit-2025-W52.json",
                "tlsaudit-2026-W44",
                "tlsaudit-2026-W45",
                "tlsaudit-2026-W45.csv",
                "tlsaudit-2026-W45.html",
                "tlsaudit-2026-W45.json",
                "tlsaudit-2026-W45.md",
                "tlsaudit-2026-W45.txt");
        assertEquals(expected.stream().map(dir::resolve).toList(), deleted);
        Set<String> left = new TreeSet<>(before);
        left.removeIf(path -> expected.stream().anyMatch(gone -> path.equals(gone) || path.startsWith(gone + "/")));
        assertEquals(left, tree(dir));
        assertTrue(left.contains("tlsaudit-2026-W46.html"), left.toString());
    }

    @ParameterizedTest
    @EnumSource(RetentionFolder.Access.class)
    void neitherFollowsNorDeletesLinksNamedLikeReports(RetentionFolder.Access access) throws IOException {
        Path dir = reports();
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path precious = file(elsewhere, "precious.csv");
        Path preciousFolder = sectionFolder(elsewhere, "sections", "legacy-peers.csv");
        Files.createSymbolicLink(dir.resolve("tlsaudit-2026-W01.html"), precious);
        Files.createSymbolicLink(dir.resolve("tlsaudit-2026-W02"), preciousFolder);
        Path folderWithLink = sectionFolder(dir, "tlsaudit-2026-W03", "overview.csv");
        Files.createSymbolicLink(folderWithLink.resolve("legacy-peers.csv"), precious);
        Files.createSymbolicLink(dir.resolve("tlsaudit-2026-W04.md"), temp.resolve("missing.md"));
        Set<String> before = tree(dir);
        Set<String> outside = tree(elsewhere);

        assertEquals(List.of(), ReportRetention.prune(dir, 1, WEEK_48, access));

        assertEquals(before, tree(dir));
        assertEquals(outside, tree(elsewhere));
        assertTrue(Files.isSymbolicLink(dir.resolve("tlsaudit-2026-W02")));
        assertTrue(Files.exists(dir.resolve("tlsaudit-2026-W04.md"), LinkOption.NOFOLLOW_LINKS));
    }

    @ParameterizedTest
    @EnumSource(RetentionFolder.Access.class)
    void pruneThroughALinkedReportFolderStaysInsideIt(RetentionFolder.Access access) throws IOException {
        Path real = reports();
        file(real, "tlsaudit-2026-W01.html");
        file(real, "tlsaudit-2026-W47.html");
        Path link = Files.createSymbolicLink(temp.resolve("current"), real);

        assertEquals(List.of(link.resolve("tlsaudit-2026-W01.html")), ReportRetention.prune(link, 1, WEEK_48, access));
        assertEquals(Set.of("tlsaudit-2026-W47.html"), tree(real));
    }

    @Test
    void countsWeeksAcrossTheIsoYearBoundaryAndWeek53() throws IOException {
        Path dir = reports();
        // 2026 has 53 ISO weeks (it starts on a Thursday); 2027-W01 starts on Monday 2027-01-04.
        file(dir, "tlsaudit-2026-W51.html");
        file(dir, "tlsaudit-2026-W52.html");
        file(dir, "tlsaudit-2026-W53.html");
        LocalDate wednesdayOfWeek1 = LocalDate.of(2027, 1, 6);

        assertEquals(List.of(), ReportRetention.prune(dir, 3, wednesdayOfWeek1));
        assertEquals(List.of(dir.resolve("tlsaudit-2026-W51.html")), ReportRetention.prune(dir, 2, wednesdayOfWeek1));
        assertEquals(List.of(dir.resolve("tlsaudit-2026-W52.html")), ReportRetention.prune(dir, 1, wednesdayOfWeek1));
        assertEquals(Set.of("tlsaudit-2026-W53.html"), tree(dir));
    }

    @Test
    void aDayEarlyInJanuaryMayBelongToTheLastWeekOfTheYearBefore() throws IOException {
        Path dir = reports();
        file(dir, "tlsaudit-2020-W51.html");
        file(dir, "tlsaudit-2020-W52.html");
        file(dir, "tlsaudit-2020-W53.html");
        // Sunday 2021-01-03 is in 2020-W53 (2020 has 53 weeks), so "last week" is 2020-W52.
        LocalDate sunday = LocalDate.of(2021, 1, 3);

        assertEquals(List.of(dir.resolve("tlsaudit-2020-W51.html")), ReportRetention.prune(dir, 1, sunday));
        assertEquals(Set.of("tlsaudit-2020-W52.html", "tlsaudit-2020-W53.html"), tree(dir));
    }

    @Test
    void everyDayOfAWeekPrunesTheSame() throws IOException {
        for (LocalDate day = LocalDate.of(2026, 11, 23);
                day.isBefore(LocalDate.of(2026, 11, 30));
                day = day.plusDays(1)) {
            Path dir = Files.createDirectories(temp.resolve(day.toString()));
            file(dir, "tlsaudit-2026-W46.html");
            file(dir, "tlsaudit-2026-W47.html");
            assertEquals(
                    List.of(dir.resolve("tlsaudit-2026-W46.html")), ReportRetention.prune(dir, 1, day), day.toString());
        }
        // the Sunday before belongs to W47: W46 is then last week and stays
        Path sunday = Files.createDirectories(temp.resolve("sunday"));
        file(sunday, "tlsaudit-2026-W46.html");
        assertEquals(List.of(), ReportRetention.prune(sunday, 1, LocalDate.of(2026, 11, 22)));
    }

    @Test
    void keepsAtLeastOneWeekAndNeedsAnExistingFolder() throws IOException {
        Path dir = reports();
        IllegalArgumentException none =
                assertThrows(IllegalArgumentException.class, () -> ReportRetention.prune(dir, 0, WEEK_48));
        assertTrue(none.getMessage().contains("keepWeeks is 0"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportRetention.prune(dir, -1, WEEK_48));
        assertThrows(NoSuchFileException.class, () -> ReportRetention.prune(temp.resolve("missing"), 1, WEEK_48));
        assertEquals(List.of(), ReportRetention.prune(dir, Integer.MAX_VALUE, WEEK_48));
    }

    @Test
    void weeksThatDoNotExistHaveNoMonday() {
        assertEquals(
                LocalDate.of(2026, 12, 28),
                ReportRetention.mondayOf("2026", "53").orElseThrow());
        assertEquals(
                LocalDate.of(2020, 12, 28),
                ReportRetention.mondayOf("2020", "53").orElseThrow());
        assertEquals(
                LocalDate.of(2024, 12, 30),
                ReportRetention.mondayOf("2025", "01").orElseThrow());
        assertTrue(ReportRetention.mondayOf("2025", "53").isEmpty());
        assertTrue(ReportRetention.mondayOf("2026", "54").isEmpty());
        assertTrue(ReportRetention.mondayOf("2026", "00").isEmpty());
    }
}

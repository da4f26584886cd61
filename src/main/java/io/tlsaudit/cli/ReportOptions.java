package io.tlsaudit.cli;

import io.tlsaudit.report.ReportWindow;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The window, {@code --section}, {@code --out} and {@code --fail-on}: shared by {@code report} and {@code analyze}. */
public final class ReportOptions {

    @Mixin
    WindowOptions window;

    @Option(
            names = "--section",
            paramLabel = "ID",
            description = "Print only this section (pure CSV/JSON for scripts); the ids are listed under 'The report'"
                    + " in README.md and in the JSON output.")
    String section;

    @Option(
            names = "--out",
            paramLabel = "FILE|DIR",
            description = "Write the report to FILE (its format from --format, else from the extension: .txt .md"
                    + " .json .csv .html) or into the folder DIR as tlsaudit-WINDOW.EXT (tlsaudit-2026-W47.html), in"
                    + " --format or, without it, in every format (CSV as a folder with one file per section).")
    Path out;

    @Option(
            names = "--keep",
            paramLabel = "WEEKS",
            description = "With --out DIR: afterwards delete the reports in DIR (tlsaudit-YYYY-Www files and CSV"
                    + " folders, nothing else) of weeks more than WEEKS weeks before the week reported on (the"
                    + " current week for a window open at its end): --keep 26 keeps half a year.")
    Integer keep;

    @Option(
            names = "--fail-on",
            paramLabel = "CONDITION",
            split = ",",
            converter = FailOnCondition.Converter.class,
            description = "Exit with a distinct code when CONDITION holds in the window, after writing the report:"
                    + " legacy (10), legacy-only (11), weak (12), plaintext (13), new-legacy (14). Repeatable; the"
                    + " first condition given that holds sets the code.")
    List<FailOnCondition> failOn = new ArrayList<>();

    /** The window asked for, or {@code otherwise}. */
    ReportWindow window(Clock clock, ReportWindow otherwise) {
        return window.window(clock, otherwise);
    }
}

package io.tlsaudit.cli;

import io.tlsaudit.report.render.OutputFormat;
import picocli.CommandLine.Option;

/** {@code --format}: shared by {@code analyze}, {@code report} and {@code query}. */
public final class FormatOption {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;
}

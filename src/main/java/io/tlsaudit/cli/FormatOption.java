package io.tlsaudit.cli;

import io.tlsaudit.report.render.OutputFormat;
import io.tlsaudit.report.render.Renderer;
import io.tlsaudit.report.render.Renderers;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --wide}: shared by {@code analyze}, {@code report} and {@code query}. */
public final class FormatOption {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(
            names = "--wide",
            description = "table: one line per row with every cell whole, however wide (default: lines fit 120"
                    + " columns; long cells wrap, and a table with too many columns prints one block per row).")
    boolean wide;

    /** The renderer these options ask for. */
    Renderer renderer() {
        return Renderers.of(format, wide);
    }
}

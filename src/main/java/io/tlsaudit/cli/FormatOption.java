package io.tlsaudit.cli;

import io.tlsaudit.report.render.OutputFormat;
import io.tlsaudit.report.render.Renderer;
import io.tlsaudit.report.render.Renderers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --format} and {@code --wide}: shared by {@code analyze}, {@code report} and {@code query}. Several formats
 * only make sense where several files are written ({@code report --out DIR}); everywhere else one is asked for.
 */
public final class FormatOption {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            split = ",",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: table; with report --out DIR: every"
                    + " format). Several, repeated or comma-separated, only with --out DIR.")
    List<OutputFormat> formats = new ArrayList<>();

    @Option(
            names = "--wide",
            description = "table: one line per row with every cell whole, however wide (default: lines fit 120"
                    + " columns; long cells wrap, and a table with too many columns prints one block per row).")
    boolean wide;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** True when {@code --format} was given. */
    boolean given() {
        return !formats.isEmpty();
    }

    /** The one format asked for, table by default; a usage error when several were given. */
    OutputFormat format() {
        List<OutputFormat> chosen = all();
        if (chosen.size() > 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give one --format here; several are for report --out DIR, one file each");
        }
        return chosen.isEmpty() ? OutputFormat.TABLE : chosen.get(0);
    }

    /** The formats asked for, each once, in the order given. */
    List<OutputFormat> all() {
        return List.copyOf(new LinkedHashSet<>(formats));
    }

    /** The renderer of the one format asked for. */
    Renderer renderer() {
        return Renderers.of(format(), wide);
    }
}

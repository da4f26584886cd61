package io.tlsaudit.report.render;

/** The renderer for the command line's {@code --format} and {@code --wide}. */
public final class Renderers {

    private Renderers() {}

    /**
     * The renderer of {@code format}; with {@code wide}, a table prints one line per row whatever its width instead
     * of fitting {@value TextTableRenderer#DEFAULT_WIDTH} columns. The other formats have no width and ignore it.
     */
    public static Renderer of(OutputFormat format, boolean wide) {
        return wide && format == OutputFormat.TABLE ? TextTableRenderer.wide() : format.renderer();
    }
}

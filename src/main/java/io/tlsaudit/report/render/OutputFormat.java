package io.tlsaudit.report.render;

/** The formats {@code --format} accepts. */
public enum OutputFormat {
    TABLE,
    CSV,
    JSON,
    HTML,
    MARKDOWN;

    /** The renderer of this format. */
    public Renderer renderer() {
        return switch (this) {
            case TABLE -> new TextTableRenderer();
            case CSV -> new CsvRenderer();
            case JSON -> new JsonRenderer();
            case HTML -> new HtmlRenderer();
            case MARKDOWN -> new MarkdownRenderer();
        };
    }
}

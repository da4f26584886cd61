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

    /** The file name extension of a report in this format, without the dot. */
    public String extension() {
        return switch (this) {
            case TABLE -> "txt";
            case CSV -> "csv";
            case JSON -> "json";
            case HTML -> "html";
            case MARKDOWN -> "md";
        };
    }
}

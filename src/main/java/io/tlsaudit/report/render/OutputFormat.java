package io.tlsaudit.report.render;

/** The formats {@code --format} accepts. */
public enum OutputFormat {
    TABLE,
    CSV,
    JSON,
    MARKDOWN;

    /** The renderer of this format. */
    public Renderer renderer() {
        return switch (this) {
            case TABLE -> new TextTableRenderer();
            case CSV -> new CsvRenderer();
            case JSON -> new JsonRenderer();
            case MARKDOWN -> new MarkdownRenderer();
        };
    }

    /** The file name extension of a report in this format, without the dot. */
    public String extension() {
        return switch (this) {
            case TABLE -> "txt";
            case CSV -> "csv";
            case JSON -> "json";
            case MARKDOWN -> "md";
        };
    }
}

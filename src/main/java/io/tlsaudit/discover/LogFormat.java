package io.tlsaudit.discover;

/** The log formats tlsaudit reads, recognised by their header, never by file name. */
public enum LogFormat {
    /** Exchange SMTP Send or Receive protocol log (FORMATS.md §1). */
    SMTP_PROTOCOL("smtp"),
    /** IIS W3C extended log (FORMATS.md §4). */
    IIS_W3C("iis");

    private final String label;

    LogFormat(String label) {
        this.label = label;
    }

    /** The value stored in {@code ingested_files.kind}. */
    public String label() {
        return label;
    }
}

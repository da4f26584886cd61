package io.tlsaudit.discover;

/** The log formats tlsaudit reads, recognised by their header, never by file name. */
public enum LogFormat {
    /** Exchange SMTP Send or Receive protocol log (docs/log-formats.md, 'SMTP log files and header'). */
    SMTP_PROTOCOL("smtp"),
    /** IIS W3C extended log (docs/log-formats.md, 'IIS W3C files and header rewrites'). */
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

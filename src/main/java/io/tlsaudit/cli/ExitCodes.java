package io.tlsaudit.cli;

/** The exit codes of every command, listed in {@code --help}. */
public final class ExitCodes {
    /** Done; malformed lines were reported, not fatal. */
    public static final int OK = 0;
    /** The run failed: unreadable input, database error, SQL error, nothing to read. */
    public static final int FAILURE = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /**
     * {@code ingest}, {@code analyze}: the run completed, but files or folders could not be read (permission denied,
     * I/O error, gone before they were read, broken symbolic link, link loop); what could be read is stored. Not for
     * malformed lines or files that are not logs. A {@code --fail-on} code of {@code analyze} takes precedence.
     */
    public static final int COMPLETED_WITH_PROBLEMS = 3;
    /** {@code report --fail-on legacy}: legacy TLS was negotiated in the window. */
    public static final int LEGACY_TLS = 10;
    /** {@code report --fail-on legacy-only}: a peer or client used nothing but legacy TLS. */
    public static final int LEGACY_ONLY = 11;
    /** {@code report --fail-on weak}: weak ciphers, MACs or key exchanges were negotiated. */
    public static final int WEAK_CRYPTO = 12;
    /** {@code report --fail-on plaintext}: a peer reached EHLO/HELO and never attempted TLS. */
    public static final int PLAINTEXT = 13;
    /** {@code report --fail-on new-legacy}: a peer is newly on legacy TLS compared with the previous period. */
    public static final int NEW_LEGACY = 14;

    // Lines of the "Exit codes" list in --help; annotation values must be constants.
    static final String HELP_OK = "0:Done. Malformed log lines are reported and counted, not fatal.";
    static final String HELP_FAILURE = "1:Failed: a database, I/O or SQL error, or no logs found.";
    static final String HELP_USAGE = "2:Usage error: unknown option, missing or invalid argument.";
    static final String HELP_COMPLETED_WITH_PROBLEMS =
            "3:Completed with problems: files or folders could not be read (permission denied, I/O error, deleted"
                    + " before they were read, broken symbolic link, link loop); the rest is stored.";
    static final String HELP_COMPLETED_WITH_PROBLEMS_BEFORE_FAIL_ON =
            HELP_COMPLETED_WITH_PROBLEMS + " A --fail-on code (10-14) takes precedence.";
    static final String HELP_LEGACY_TLS = "10:--fail-on legacy: TLS 1.0/1.1 or SSL was negotiated in the window.";
    static final String HELP_LEGACY_ONLY = "11:--fail-on legacy-only: a peer or HTTPS client used only legacy TLS.";
    static final String HELP_WEAK_CRYPTO = "12:--fail-on weak: the weak-crypto section is not empty.";
    static final String HELP_PLAINTEXT = "13:--fail-on plaintext: a peer reached EHLO/HELO and never attempted TLS.";
    static final String HELP_NEW_LEGACY =
            "14:--fail-on new-legacy: a peer on legacy TLS that was not the period before.";

    private ExitCodes() {}
}

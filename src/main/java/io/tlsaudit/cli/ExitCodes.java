package io.tlsaudit.cli;

/** The exit codes of every command, listed in {@code --help}. */
public final class ExitCodes {
    /** Done; malformed lines were reported, not fatal. */
    public static final int OK = 0;
    /** The run failed: unreadable input, database error, SQL error, nothing to read. */
    public static final int FAILURE = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;

    // Lines of the "Exit codes" list in --help; annotation values must be constants.
    static final String HELP_OK = "0:Done. Malformed log lines are reported and counted, not fatal.";
    static final String HELP_FAILURE = "1:Failed: a database, I/O or SQL error, or no logs found.";
    static final String HELP_USAGE = "2:Usage error: unknown option, missing or invalid argument.";

    private ExitCodes() {}
}

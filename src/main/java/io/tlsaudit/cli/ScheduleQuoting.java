package io.tlsaudit.cli;

/**
 * How a path is written into each scheduler's line so that it reaches the program as one argument, unchanged,
 * whatever it holds: spaces, quotes, {@code $}, {@code %}, {@code ;}, {@code &}. Control characters are refused
 * before (no crontab line, unit file or batch file can hold a line break), and so is {@code "} for the Windows lines
 * (no Windows file name holds one).
 */
final class ScheduleQuoting {

    /** The characters PowerShell takes for a single quote: ', and the typographic ‘ ’ ‚ ‛. */
    private static final String POWERSHELL_SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";

    private ScheduleQuoting() {}

    /** A POSIX shell word: in single quotes, inside which nothing is special; a ' becomes '\'' . */
    static String posix(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * A POSIX shell word inside a crontab line. Cron turns every {@code %} not preceded by a backslash into a line
     * break (what follows becomes the command's input) and drops the backslash of {@code \%}, also inside shell
     * quotes. So each {@code %} leaves the single quotes and comes as {@code \%}: cron passes {@code '...'%'...'}
     * to the shell, whatever precedes the {@code %} in the path, even a backslash.
     */
    static String cron(String text) {
        return posix(text).replace("%", "'\\%'");
    }

    /**
     * An argument of a systemd {@code ExecStart=} line: in double quotes, with the C-style escapes systemd reads
     * there ({@code \\}, {@code \"}), {@code $$} for a dollar sign (systemd substitutes {@code $NAME} in arguments)
     * and {@code %%} for a percent sign (systemd expands {@code %} specifiers).
     */
    static String systemdArgument(String text) {
        return "\""
                + text.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("$", "$$")
                        .replace("%", "%%")
                + "\"";
    }

    /**
     * A path as the whole value of a systemd path setting such as {@code WorkingDirectory=}, which systemd takes as
     * it stands: it reads no quotes and no escapes there, only {@code %} specifiers, so each {@code %} is doubled.
     * The unit file reader strips the spaces at the end of a value and joins a line ending in a backslash with the
     * next one, so a path ending in either gets a {@code /}, which systemd's own path clean-up then drops.
     */
    static String systemdPath(String text) {
        String value = text.replace("%", "%%");
        char last = value.charAt(value.length() - 1);
        return last == ' ' || last == '\\' ? value + "/" : value;
    }

    /**
     * The executable of a systemd {@code ExecStart=} line: systemd substitutes no variables there, so a {@code $}
     * stays single, but expands {@code %} specifiers. Only for a path {@link #systemdCanExecute systemd accepts}.
     */
    static String systemdExecutable(String text) {
        if (!systemdCanExecute(text)) {
            throw new IllegalArgumentException("systemd refuses the executable " + text);
        }
        return "\"" + text.replace("%", "%%") + "\"";
    }

    /**
     * False for a path systemd refuses as an {@code ExecStart=} executable ("Executable name contains special
     * characters"): one holding a quote, a backslash or a control character, quoted or not.
     */
    static boolean systemdCanExecute(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '\\' || c < ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * A path given to a program from a batch file: in double quotes, as the Microsoft C runtime (and so
     * {@code java.exe}) splits its command line, where backslashes before a closing quote escape it and so are
     * doubled ({@code "C:\\"}), and {@code %%} for each {@code %}, which a batch file would otherwise expand.
     * Inside double quotes {@code & | < > ^ ( )} are plain characters to cmd.exe; {@code !} is one too with the
     * script's {@code setlocal DisableDelayedExpansion}.
     */
    static String batchArgument(String text) {
        int trailing = 0;
        while (trailing < text.length() && text.charAt(text.length() - 1 - trailing) == '\\') {
            trailing++;
        }
        return batch(text + "\\".repeat(trailing));
    }

    /** A path given to a command of cmd.exe itself ({@code mkdir}, {@code if exist}, a redirection) in a batch file. */
    static String batch(String text) {
        return "\"" + text.replace("%", "%%") + "\"";
    }

    /** A PowerShell string literal in single quotes, in which nothing is expanded; each single quote is doubled. */
    static String powershell(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (POWERSHELL_SINGLE_QUOTES.indexOf(c) >= 0) {
                quoted.append(c);
            }
            quoted.append(c);
        }
        return quoted.append('\'').toString();
    }
}

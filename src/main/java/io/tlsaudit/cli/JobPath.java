package io.tlsaudit.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * An absolute path of the machine a scheduled job runs on, as text: the scheduler lines are printed here but run
 * there, possibly under another operating system.
 *
 * @param text the path, absolute
 * @param windows the path is a Windows path ({@code C:\...}, {@code \\server\share\...}), whatever this machine is
 */
record JobPath(String text, boolean windows) {

    /** {@code C:\} or {@code C:/}, or a UNC path {@code \\server\share}. */
    private static final Pattern WINDOWS_PATH =
            Pattern.compile("[A-Za-z]:[\\\\/].*|\\\\\\\\[^\\\\/]+[\\\\/][^\\\\/]+.*");

    JobPath {
        requireNonNull(text, "text is null");
    }

    /**
     * {@code given} as a path of the job's machine: a Windows path stays as given, since this machine may be
     * another one and cannot resolve it; anything else is made absolute against this machine's working folder.
     *
     * @throws IllegalArgumentException when {@code given} is empty or no path of this machine
     */
    static JobPath of(String given) {
        if (given.isBlank()) {
            throw new IllegalArgumentException("the path is empty");
        }
        if (WINDOWS_PATH.matcher(given).matches()) {
            return new JobPath(given, true);
        }
        try {
            Path absolute = Path.of(given).toAbsolutePath().normalize();
            return new JobPath(
                    absolute.toString(),
                    WINDOWS_PATH.matcher(absolute.toString()).matches());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + e.getReason(), e);
        }
    }

    /** {@code name} inside this folder, with the path's own separator ({@code C:/Reports} has {@code /}). */
    JobPath child(String name) {
        String folder = folderText();
        boolean endsWithSeparator = isSeparator(folder.charAt(folder.length() - 1));
        boolean backslash = windows && (text.indexOf('\\') >= 0 || text.indexOf('/') < 0);
        return new JobPath(folder + (endsWithSeparator ? "" : backslash ? "\\" : "/") + name, windows);
    }

    /** The folder holding this file. */
    JobPath parent() {
        String path = folderText();
        for (int i = path.length() - 1; i >= 0; i--) {
            if (isSeparator(path.charAt(i))) {
                String folder = path.substring(0, i + 1);
                return new JobPath(isRoot(folder) ? folder : path.substring(0, i), windows);
            }
        }
        return this;
    }

    /** This path as written, without trailing separators unless it is a root ({@code /}, {@code C:\}). */
    String folderText() {
        String folder = text;
        while (folder.length() > 1 && isSeparator(folder.charAt(folder.length() - 1)) && !isRoot(folder)) {
            folder = folder.substring(0, folder.length() - 1);
        }
        return folder;
    }

    private boolean isSeparator(char c) {
        return c == '/' || (windows && c == '\\');
    }

    private boolean isRoot(String folder) {
        return folder.equals("/") || (windows && folder.length() == 3 && folder.charAt(1) == ':');
    }

    @Override
    public String toString() {
        return text;
    }
}

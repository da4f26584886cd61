package io.tlsaudit.discover;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A glob matched against a path below an ingested root, given as text with {@code /} between its names whatever the
 * platform, so that files on a share and entries of an archive are matched alike. {@code *} and {@code ?} match
 * within one name, {@code [a-z]} and {@code [!a-z]} one character of a name, {@code {a,b}} either alternative;
 * {@code **} as a whole name matches any number of names, none included ({@code **}{@code /SmtpReceive/*.LOG} matches
 * {@code SmtpReceive/RECV.LOG} and {@code EX01/Logs/SmtpReceive/RECV.LOG}), and within a name it matches across
 * names, as in {@link java.nio.file.FileSystem#getPathMatcher}. A backslash quotes the character after it. Names are
 * compared ignoring case, as Windows, which wrote the logs, compares them.
 *
 * <p>A glob that matches a folder stands for everything in it: {@code EX01} matches {@code EX01/RECV.LOG} as
 * {@code EX01/**} does.
 */
public final class PathGlob {

    private static final String NAME_CHARACTER = "[^/]";

    private final String text;
    private final Pattern pattern;
    /** The glob without a trailing {@code /**}, when it has one; else null. */
    private final Pattern folderPrefix;

    private PathGlob(String text, Pattern pattern, Pattern folderPrefix) {
        this.text = text;
        this.pattern = pattern;
        this.folderPrefix = folderPrefix;
    }

    /**
     * Compiles {@code glob}.
     *
     * @throws IllegalArgumentException with a message that says what is wrong, for an empty glob, one that starts
     *     with {@code /}, an unclosed {@code [} or <code>{</code>, nested <code>{</code>, or a backslash before a
     *     character that needs no quoting (folders are separated by {@code /}, not {@code \})
     */
    public static PathGlob compile(String glob) {
        requireNonNull(glob, "glob is null");
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("empty glob");
        }
        if (glob.startsWith("/")) {
            throw new IllegalArgumentException(
                    "'" + glob + "' starts with /: globs match the path below each PATH, e.g. 'EX01/**'");
        }
        Pattern pattern = Pattern.compile(regex(glob), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        Pattern folderPrefix = null;
        if (glob.endsWith("/**") && glob.length() > 3) {
            folderPrefix = Pattern.compile(
                    regex(glob.substring(0, glob.length() - 3)), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
        return new PathGlob(glob, pattern, folderPrefix);
    }

    /** The glob as given. */
    public String text() {
        return text;
    }

    /**
     * True when the glob matches {@code path} or a folder it lies in.
     *
     * @param path a relative path with {@code /} between names, no leading or trailing {@code /}
     */
    public boolean matches(String path) {
        for (int end = path.indexOf('/'); end >= 0; end = path.indexOf('/', end + 1)) {
            if (pattern.matcher(path.substring(0, end)).matches()) {
                return true;
            }
        }
        return pattern.matcher(path).matches();
    }

    /**
     * True when the glob matches everything that can lie below {@code folder}: the folder itself, or the part of a
     * glob ending in {@code /**} before it, matches. Such a folder need not be walked.
     */
    public boolean matchesAllBelow(String folder) {
        return matches(folder)
                || (folderPrefix != null && folderPrefix.matcher(folder).matches());
    }

    @Override
    public String toString() {
        return text;
    }

    private static String regex(String glob) {
        StringBuilder regex = new StringBuilder();
        boolean inAlternatives = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            boolean nameStart = i == 0 || glob.charAt(i - 1) == '/';
            switch (c) {
                case '*' -> {
                    boolean doubled = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                    if (!doubled) {
                        regex.append(NAME_CHARACTER).append('*');
                        i++;
                    } else if (nameStart && i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
                        regex.append("(?:[^/]+/)*"); // "**/": any number of folders, none included
                        i += 3;
                    } else {
                        regex.append(".*"); // a trailing "/**", or "**" within a name: across folders
                        i += 2;
                    }
                }
                case '?' -> {
                    regex.append(NAME_CHARACTER);
                    i++;
                }
                case '[' -> i = characterClass(glob, i, regex);
                case '{' -> {
                    if (inAlternatives) {
                        throw new IllegalArgumentException("'" + glob + "': { inside {...} is not supported");
                    }
                    inAlternatives = true;
                    regex.append("(?:");
                    i++;
                }
                case '}' -> {
                    if (inAlternatives) {
                        inAlternatives = false;
                        regex.append(')');
                    } else {
                        regex.append("\\}");
                    }
                    i++;
                }
                case ',' -> {
                    regex.append(inAlternatives ? "|" : ",");
                    i++;
                }
                case '\\' -> {
                    if (i + 1 >= glob.length() || "*?[]{},\\".indexOf(glob.charAt(i + 1)) < 0) {
                        throw new IllegalArgumentException("'" + glob + "': a backslash quotes only * ? [ ] { } , and"
                                + " \\; folders are separated by /, e.g. 'EX01/**'");
                    }
                    regex.append(literal(glob.charAt(i + 1)));
                    i += 2;
                }
                default -> {
                    int codePoint = glob.codePointAt(i);
                    regex.append(literal(codePoint));
                    i += Character.charCount(codePoint);
                }
            }
        }
        if (inAlternatives) {
            throw new IllegalArgumentException("'" + glob + "': { without its }");
        }
        return regex.toString();
    }

    /** Appends the class that starts at {@code start} ({@code [}) and returns the index after its {@code ]}. */
    private static int characterClass(String glob, int start, StringBuilder regex) {
        int i = start + 1;
        // Never '/': a class matches one character of a name.
        StringBuilder members = new StringBuilder("(?!/)[");
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            members.append('^');
            i++;
        }
        boolean first = true;
        while (i < glob.length() && (glob.charAt(i) != ']' || first)) {
            int codePoint = glob.codePointAt(i);
            members.append(codePoint == '-' && !first ? "-" : literal(codePoint));
            first = false;
            i += Character.charCount(codePoint);
        }
        if (i >= glob.length()) {
            throw new IllegalArgumentException("'" + glob + "': [ without its ]");
        }
        regex.append(members).append(']');
        return i + 1;
    }

    private static String literal(int codePoint) {
        String character = Character.toString(codePoint);
        return Character.isLetterOrDigit(codePoint) ? character : Pattern.quote(character);
    }
}

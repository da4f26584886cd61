package io.tlsaudit.discover;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which files below a root a run takes, by {@code --include} and {@code --exclude} globs over the path below the
 * root: a file is taken when it matches some include (or none is given) and no exclude.
 *
 * @param includes {@code --include}: when not empty, only files one of these matches are taken
 * @param excludes {@code --exclude}: files (and folders) any of these matches are left out
 */
public record FileSelection(List<PathGlob> includes, List<PathGlob> excludes) {

    /** Every file. */
    public static final FileSelection ALL = new FileSelection(List.of(), List.of());

    public FileSelection {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    /**
     * Compiles the globs as given on the command line.
     *
     * @throws IllegalArgumentException naming the glob and what is wrong with it
     */
    public static FileSelection of(List<String> includes, List<String> excludes) {
        return new FileSelection(
                includes.stream().map(PathGlob::compile).toList(),
                excludes.stream().map(PathGlob::compile).toList());
    }

    /** True when no glob was given. */
    public boolean takesAll() {
        return includes.isEmpty() && excludes.isEmpty();
    }

    /**
     * Why the file at {@code path} is left out; empty when it is taken.
     *
     * @param path the path below the root, with {@code /} between names
     */
    public Optional<String> leftOut(String path) {
        Optional<String> excluded = excludedBy(path, false);
        if (excluded.isPresent()) {
            return excluded;
        }
        if (!includes.isEmpty() && includes.stream().noneMatch(glob -> glob.matches(path))) {
            return Optional.of("matches no " + options("--include", includes));
        }
        return Optional.empty();
    }

    /**
     * Why the folder at {@code path} is not walked: an exclude matches everything that can lie below it. Empty when
     * the folder is walked (its files may still be left out one by one).
     */
    public Optional<String> folderLeftOut(String path) {
        return excludedBy(path, true);
    }

    /** The globs as options, {@code --include 'A' --exclude 'B'}, for messages; empty when none was given. */
    public String describe() {
        String included = includes.isEmpty() ? "" : options("--include", includes);
        String excluded = excludes.isEmpty() ? "" : options("--exclude", excludes);
        return (included + " " + excluded).trim();
    }

    private Optional<String> excludedBy(String path, boolean folder) {
        for (PathGlob glob : excludes) {
            if (folder ? glob.matchesAllBelow(path) : glob.matches(path)) {
                return Optional.of("excluded by " + options("--exclude", List.of(glob)));
            }
        }
        return Optional.empty();
    }

    private static String options(String option, List<PathGlob> globs) {
        return globs.stream().map(glob -> option + " '" + glob.text() + "'").collect(Collectors.joining(" "));
    }
}

package io.tlsaudit.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The system's Chromium (or Chrome), run headless on a local file: the DOM it builds, and a screenshot. Each run has a
 * profile folder of its own, so runs neither share state nor touch the user's profile.
 */
public final class HeadlessBrowser {

    /** The names the browser goes by on PATH, in the order they are tried. */
    public static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    /** How to get one on the Debian machines this project builds on. */
    public static final String INSTALL_HINT = "apt-get install -y chromium";

    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;
    private final Path workFolder;

    private HeadlessBrowser(Path executable, Path workFolder) {
        this.executable = executable;
        this.workFolder = workFolder;
    }

    /** The first of {@link #NAMES} found executable on PATH; it keeps profiles and logs under {@code workFolder}. */
    public static Optional<HeadlessBrowser> find(Path workFolder) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : NAMES) {
            for (String folder : path.split(File.pathSeparator)) {
                if (folder.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(folder, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessBrowser(candidate, workFolder));
                }
            }
        }
        return Optional.empty();
    }

    public Path executable() {
        return executable;
    }

    /** The DOM the browser built from {@code page}, serialised as HTML. */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        Path dom = Files.createTempFile(workFolder, "dom", ".html");
        run(List.of("--dump-dom", page.toUri().toString()), dom);
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    /** A PNG of {@code page} in a window of {@code width} by {@code height} CSS pixels. */
    public void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(
                List.of(
                        "--hide-scrollbars",
                        "--screenshot=" + png.toAbsolutePath(),
                        "--window-size=" + width + "," + height,
                        page.toUri().toString()),
                Files.createTempFile(workFolder, "screenshot", ".out"));
    }

    /** The version line the browser prints, for test output. */
    public String version() throws IOException, InterruptedException {
        Path out = Files.createTempFile(workFolder, "version", ".out");
        run(List.of("--version"), out);
        return Files.readString(out, StandardCharsets.UTF_8).strip();
    }

    private void run(List<String> arguments, Path stdout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workFolder, "profile");
        Path stderr = Files.createTempFile(workFolder, "browser", ".err");
        List<String> command = new ArrayList<>(List.of(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + profile));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException(executable + " " + arguments + " still running after " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(executable + " " + arguments + " exited with " + process.exitValue() + ": "
                    + tail(Files.readString(stderr, StandardCharsets.UTF_8)));
        }
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }
}

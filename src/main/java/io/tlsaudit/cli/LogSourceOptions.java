package io.tlsaudit.cli;

import io.tlsaudit.discover.LogLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where the logs are and how their location names the server: shared by {@code ingest} and {@code analyze}. */
public final class LogSourceOptions {

    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description = "Log folders or files. Every file below a folder is examined; SMTP protocol logs are"
                    + " recognised by their header, other files are skipped.")
    List<Path> paths;

    @Option(
            names = "--server",
            paramLabel = "NAME",
            description = "Treat every file as written by server NAME (default: the first folder under each PATH,"
                    + " e.g. share/EX01/...; for files directly under PATH, the receive connector id).")
    String server;

    @Option(
            names = "--server-pattern",
            paramLabel = "REGEX",
            description = "Take the server name from the first group of REGEX matched against each file's path"
                    + " (with / separators), e.g. '/logs/([^/]+)/'.")
    Pattern serverPattern;

    LogLocation location() {
        return new LogLocation(Optional.ofNullable(server), Optional.ofNullable(serverPattern));
    }
}

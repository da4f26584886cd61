package io.tlsaudit.cli;

import io.tlsaudit.discover.FileSelection;
import io.tlsaudit.discover.LogLocation;
import io.tlsaudit.ingest.Ingestor;
import io.tlsaudit.parse.w3c.IisFieldNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Where the logs are and how their location names the server: shared by {@code ingest} and {@code analyze}. */
public final class LogSourceOptions {

    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description = "Log folders or files. Every file below a folder is examined, through symbolic links;"
                    + " SMTP protocol logs and IIS W3C logs are recognised by their header, other files are skipped.")
    List<Path> paths;

    @Option(
            names = "--include",
            paramLabel = "GLOB",
            description = "Take only files whose path below PATH (with / separators, case ignored) matches GLOB:"
                    + " * and ? within a name, ** across folders, {a,b} either; a glob that matches a folder takes"
                    + " all in it. Repeatable; a file is taken when one --include matches, e.g. --include"
                    + " '**/SmtpReceive/*.LOG'.")
    List<String> includes = new ArrayList<>();

    @Option(
            names = "--exclude",
            paramLabel = "GLOB",
            description = "Leave out files whose path below PATH matches GLOB (as for --include). A folder it"
                    + " matches ('**/System Volume Information') or whose whole content it matches ('EX01/**') is not"
                    + " walked at all. Repeatable; wins over --include.")
    List<String> excludes = new ArrayList<>();

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

    @Option(
            names = "--iis-field",
            paramLabel = "ROLE=NAME",
            mapFallbackValue = "",
            description = "The IIS #Fields name an admin chose for a TLS or client-address custom field; ROLE is"
                    + " protocol, cipher, hash, keyexchange or client-ip. Repeatable, e.g. --iis-field"
                    + " protocol=SslProtocol --iis-field client-ip=True-Client-IP. The usual names (crypt-protocol,"
                    + " TlsVersion, X-Forwarded-For, OriginalIP, ...) are known without it.")
    Map<String, String> iisFields = new LinkedHashMap<>();

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads that read logs, each taking whole SMTP streams or IIS files, while one more writes"
                    + " to the database (default: the number of cores). The stored result is the same for any N.")
    Integer threads;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    int readingThreads() {
        if (threads == null) {
            return Ingestor.defaultThreads();
        }
        if (threads < 1 || threads > 256) {
            throw new ParameterException(spec.commandLine(), "--threads " + threads + ": expected 1 to 256");
        }
        return threads;
    }

    IisFieldNames iisFieldNames() {
        Map<IisFieldNames.Role, String> extra = new EnumMap<>(IisFieldNames.Role.class);
        for (Map.Entry<String, String> entry : iisFields.entrySet()) {
            IisFieldNames.Role role = IisFieldNames.Role.fromOption(entry.getKey());
            if (role == null || entry.getValue().isBlank()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--iis-field " + entry.getKey() + "=" + entry.getValue()
                                + ": expected ROLE=NAME with ROLE one of protocol, cipher, hash, keyexchange, client-ip");
            }
            extra.put(role, entry.getValue());
        }
        return IisFieldNames.withExtra(extra);
    }

    /** The --include and --exclude globs; a glob that cannot be read is a usage error. */
    FileSelection selection() {
        try {
            return FileSelection.of(includes, excludes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--include/--exclude " + e.getMessage());
        }
    }

    LogLocation location() {
        return new LogLocation(Optional.ofNullable(server), Optional.ofNullable(serverPattern));
    }
}

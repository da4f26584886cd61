package io.tlsaudit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --db}: shared by every command. */
public final class DatabaseOption {
    @Option(
            names = "--db",
            paramLabel = "FILE",
            defaultValue = "tlsaudit.duckdb",
            description = "DuckDB database file (default: ${DEFAULT-VALUE} in the working directory).")
    Path database;
}

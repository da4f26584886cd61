package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {

    @TempDir
    Path folder;

    @Test
    void blobsReadAsTheirBytesInDuckDbsNotation() throws Exception {
        try (AuditDatabase database = AuditDatabase.openForWriting(folder.resolve("audit.duckdb"))) {
            assertEquals(
                    List.of(List.of("\\x41\\x0A\\xFF")),
                    database.query("SELECT '\\x41\\x0A\\xFF'::BLOB", List.of()).rows());
        }
    }
}

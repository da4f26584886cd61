package io.tlsaudit.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmRelaunchTest {

    private static boolean serial(List<String> jvm, String... args) {
        return JvmRelaunch.wantsSerialCollector(args, jvm);
    }

    @Test
    void commandsThatReadLogsGetTheSerialCollectorWhenTheJvmWasGivenNoneOfItsOwn() {
        assertTrue(serial(List.of(), "ingest", "--db", "a.duckdb", "logs"));
        assertTrue(serial(List.of(), "analyze", "sample-logs"));
        assertTrue(serial(List.of("-Dfile.encoding=UTF-8", "-XX:+UseCompressedOops"), "ingest", "logs"));
    }

    @Test
    void aCollectorOrHeapSizeGivenToJavaIsKept() {
        assertFalse(serial(List.of("-XX:+UseG1GC"), "ingest", "logs"));
        assertFalse(serial(List.of("-XX:+UseSerialGC"), "ingest", "logs"));
        assertFalse(serial(List.of("-Xmx2g"), "ingest", "logs"));
        assertFalse(serial(List.of("-XX:MaxRAMPercentage=10"), "analyze", "logs"));
    }

    @Test
    void otherCommandsRunWhereTheyStart() {
        assertFalse(serial(List.of(), "report", "--db", "a.duckdb"));
        assertFalse(serial(List.of(), "query", "SELECT 1"));
        assertFalse(serial(List.of(), "--version"));
        assertFalse(serial(List.of()));
    }
}

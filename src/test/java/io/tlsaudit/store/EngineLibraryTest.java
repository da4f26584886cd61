package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLibraryTest {

    private static final String NAME = "libduckdb_java.so_linux_amd64";
    private static final long ENTRY_TIME = 1_790_000_000_000L;

    @TempDir
    Path temp;

    private final AtomicInteger reads = new AtomicInteger();

    private EngineLibrary.Packed packed(byte[] content) {
        return packed(content, crc(content));
    }

    private EngineLibrary.Packed packed(byte[] content, long crc) {
        return new EngineLibrary.Packed(NAME, content.length, crc, ENTRY_TIME, () -> {
            reads.incrementAndGet();
            return new ByteArrayInputStream(content);
        });
    }

    private static long crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name));
    }

    @Test
    void namesTheLibraryAsTheDriverDoes() throws Exception {
        assertEquals("libduckdb_java.so_linux_amd64", EngineLibrary.linuxFileName("amd64"));
        assertEquals("libduckdb_java.so_linux_amd64", EngineLibrary.linuxFileName("x86_64"));
        assertEquals("libduckdb_java.so_linux_arm64", EngineLibrary.linuxFileName("aarch64"));
        assertEquals("libduckdb_java.so_linux_riscv64", EngineLibrary.linuxFileName("RISCV64"));
        // The driver's own name for this machine, and its jar on the test class path holds the library under it.
        Assumptions.assumeTrue(
                System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux"));
        String here = EngineLibrary.linuxFileName(System.getProperty("os.arch"));
        Method driverName = Class.forName(
                        "org.duckdb.DuckDBNative", false, getClass().getClassLoader())
                .getDeclaredMethod("nativeLibName");
        driverName.setAccessible(true);
        assertEquals(driverName.invoke(null), here);
        assertNotNull(EngineLibrary.class.getClassLoader().getResource(here), here);
    }

    @Test
    void leavesTheLibraryToTheDriverWhileItsOwnResourceIsThere() {
        // The test class path has the driver's jar as published, with the library at its own name.
        assertInstanceOf(EngineLibrary.DriverOwn.class, EngineLibrary.prepare());
        assertTrue(EngineLibrary.libraryPathFolder().isEmpty());
    }

    @Test
    void unpacksBesideTheJarOnceWithTheEntrysTimeAndReadableByAll() throws IOException {
        byte[] content = "ELF native library bytes".getBytes(StandardCharsets.US_ASCII);
        Path jarFolder = folder("install");

        EngineLibrary.Placement first = EngineLibrary.place(packed(content), jarFolder, temp.resolve("cache"));

        Path file = jarFolder.resolve(NAME);
        assertEquals(new EngineLibrary.BesideJar(file), first);
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals(FileTime.fromMillis(ENTRY_TIME), Files.getLastModifiedTime(file));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals(1, reads.get());
        assertFalse(Files.exists(temp.resolve("cache")), "nothing goes to the cache while the jar's folder takes it");

        EngineLibrary.Placement second = EngineLibrary.place(packed(content), jarFolder, temp.resolve("cache"));

        assertEquals(first, second);
        assertEquals(1, reads.get(), "a library in place is not read again");
        assertEquals(1, entries(jarFolder), "no partial file is left");
    }

    @Test
    void removesAPartialLibraryAKilledRunLeftAndKeepsOneBeingWritten() throws IOException {
        Path jarFolder = folder("install");
        Path abandoned = Files.writeString(jarFolder.resolve("." + NAME + "-123.part"), "half a library");
        Files.setLastModifiedTime(abandoned, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L));
        Path beingWritten = Files.writeString(jarFolder.resolve("." + NAME + "-456.part"), "a run writing now");

        EngineLibrary.place(packed("ELF".getBytes(StandardCharsets.US_ASCII)), jarFolder, temp.resolve("cache"));

        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(beingWritten));
        assertTrue(Files.exists(jarFolder.resolve(NAME)));
    }

    @Test
    void replacesALibraryOfAnotherVersion() throws IOException {
        Path jarFolder = folder("install");
        Path file = jarFolder.resolve(NAME);
        Files.writeString(file, "the library of an older driver");
        byte[] content = "the library of this driver, longer".getBytes(StandardCharsets.US_ASCII);

        EngineLibrary.place(packed(content), jarFolder, temp.resolve("cache"));

        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals(1, reads.get());
        assertEquals(1, entries(jarFolder));
    }

    @Test
    void replacesALibraryOfTheSameSizeAndAnotherTime() throws IOException {
        Path jarFolder = folder("install");
        Path file = jarFolder.resolve(NAME);
        byte[] content = "0123456789".getBytes(StandardCharsets.US_ASCII);
        Files.writeString(file, "abcdefghij");

        EngineLibrary.place(packed(content), jarFolder, temp.resolve("cache"));

        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void goesToTheCacheUnderTheLibraryPathNameWhenTheJarsFolderCannotBeWritten() throws IOException {
        byte[] content = "ELF".getBytes(StandardCharsets.US_ASCII);
        // A folder that cannot take a file, even for root: it is a file.
        Path jarFolder = Files.writeString(temp.resolve("not-a-folder"), "x");
        Path cache = temp.resolve("cache").resolve("duckdb-1");

        EngineLibrary.Placement placement = EngineLibrary.place(packed(content), jarFolder, cache);

        assertEquals(new EngineLibrary.LibraryPath(cache), placement);
        assertArrayEquals(content, Files.readAllBytes(cache.resolve(System.mapLibraryName("duckdb_java"))));
    }

    @Test
    void refusesBytesThatDoNotMatchTheEntryAndLeavesNoFile() throws IOException {
        byte[] content = "ELF truncated".getBytes(StandardCharsets.US_ASCII);
        Path jarFolder = folder("install");
        Path cache = temp.resolve("cache");

        StoreException e = assertThrows(
                StoreException.class, () -> EngineLibrary.place(packed(content, crc(content) + 1), jarFolder, cache));

        assertTrue(e.getMessage().startsWith("cannot unpack DuckDB's native library beside the jar"), e.getMessage());
        assertTrue(e.getMessage().contains("does not match its entry"), e.getMessage());
        assertEquals(0, entries(jarFolder));
        assertEquals(0, entries(cache));
    }

    private static long entries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}

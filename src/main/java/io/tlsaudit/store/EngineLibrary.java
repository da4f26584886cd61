package io.tlsaudit.store;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * DuckDB's native library on Linux, unpacked once instead of at every start.
 *
 * <p>The driver looks for the library as a resource of its jar and, when it finds it, copies all 60 MB into the
 * temporary folder and loads the copy: about 0.3 s of CPU at every start (inflating it, mostly), and a copy left
 * behind by every run that is killed. Without the resource it loads {@code duckdb_java} from {@code
 * java.library.path}, then the file of the resource's name in the folder of its jar. The runnable jar therefore holds
 * the Linux libraries under {@link #PACKED_FOLDER} (see the pom), and this class puts the one for this machine beside
 * the jar, checked against the jar entry's size and CRC and written under a temporary name then moved into place, so
 * that two runs at once, or a run killed while unpacking, never leave a partial library where the driver looks. The
 * library in place is reused while its size and time are the entry's; loading it takes about 0.05 s.
 *
 * <p>Where the jar's folder cannot be written (an installation owned by another user), the library goes into the
 * user's cache folder under the name {@code java.library.path} lookups use, and the JVM must be started with that
 * folder on the path, which {@code tlsaudit}'s launcher does on Linux by starting a second JVM ({@link
 * #libraryPathFolder()}). Only the Linux libraries are packed so: elsewhere no second JVM can be started, and the
 * driver keeps unpacking its own, as it can wherever there is a temporary folder.
 *
 * <p>On a class path where the driver's own resource is still there (the tests, an IDE), nothing is done.
 */
public final class EngineLibrary {

    /** Where the runnable jar keeps the driver's libraries, under their own names. */
    static final String PACKED_FOLDER = "tlsaudit-native/";

    /** The driver's class, whose jar's folder the driver searches. */
    private static final String DRIVER_NATIVE_CLASS = "org.duckdb.DuckDBNative";

    /** Where the library for this JVM is, once decided. */
    sealed interface Placement {}

    /** The driver finds and unpacks the library itself, as without this class. */
    record DriverOwn() implements Placement {}

    /** The library is beside the driver's jar, where the driver loads it from. */
    record BesideJar(Path file) implements Placement {}

    /** The library is in {@code folder}, which must be on {@code java.library.path}. */
    record LibraryPath(Path folder) implements Placement {}

    /** The library to place: the jar entry's name, size, CRC and time, and how to read it. */
    record Packed(String fileName, long size, long crc, long modifiedMillis, StreamSource content) {}

    /** Opens the packed library's bytes. */
    @FunctionalInterface
    interface StreamSource {
        InputStream open() throws IOException;
    }

    private static Placement placement;

    private EngineLibrary() {}

    /**
     * Puts the library where the driver will load it, once per JVM; the first call may take a second (unpacking),
     * the others nothing. Throws a StoreException saying why when the library can be neither found nor unpacked.
     */
    static synchronized Placement prepare() {
        if (placement == null) {
            placement = decide();
        }
        return placement;
    }

    /**
     * Puts the library in place for this JVM, before the driver's first use; throws when this JVM still could not
     * load it, since it went where only a {@code java.library.path} this JVM was not given would find it.
     */
    static void prepareForThisJvm() {
        libraryPathFolder().ifPresent(folder -> {
            throw new StoreException("DuckDB's native library could not be unpacked beside tlsaudit.jar and is in "
                    + folder + ", which this JVM does not load from; start Java with -Djava.library.path=" + folder
                    + ", or copy tlsaudit.jar to a folder this user can write to");
        });
    }

    /**
     * The folder the JVM must have on {@code java.library.path} for the driver to load the library, when the jar's
     * own folder could not take it and the running JVM does not have it there yet; empty otherwise.
     */
    public static Optional<Path> libraryPathFolder() {
        if (prepare() instanceof LibraryPath path && !onLibraryPath(path.folder())) {
            return Optional.of(path.folder());
        }
        return Optional.empty();
    }

    private static Placement decide() {
        ClassLoader loader = EngineLibrary.class.getClassLoader();
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new DriverOwn();
        }
        String fileName = linuxFileName(System.getProperty("os.arch", ""));
        if (loader.getResource(fileName) != null) {
            return new DriverOwn();
        }
        URL resource = loader.getResource(PACKED_FOLDER + fileName);
        if (resource == null) {
            // Not packed for this architecture: the driver says what it looked for.
            return new DriverOwn();
        }
        Packed packed = packed(fileName, resource);
        Path cache = cacheFolder().resolve("duckdb-" + Long.toHexString(packed.crc()));
        return place(packed, driverJarFolder(loader), cache);
    }

    /**
     * Puts {@code packed} beside the jar in {@code jarFolder}, or when that folder cannot be written, in {@code
     * cacheFolder} under the name {@code java.library.path} lookups use.
     */
    static Placement place(Packed packed, Path jarFolder, Path cacheFolder) {
        Path besideJar = jarFolder.resolve(packed.fileName());
        try {
            return new BesideJar(putInPlace(packed, besideJar));
        } catch (IOException besideJarFailure) {
            Path cached = cacheFolder.resolve(System.mapLibraryName("duckdb_java"));
            try {
                Files.createDirectories(cacheFolder);
                putInPlace(packed, cached);
                return new LibraryPath(cacheFolder);
            } catch (IOException cacheFailure) {
                cacheFailure.addSuppressed(besideJarFailure);
                throw new StoreException(
                        "cannot unpack DuckDB's native library beside the jar (" + describe(besideJarFailure)
                                + ") or into " + cacheFolder + " (" + describe(cacheFailure) + ")",
                        cacheFailure);
            }
        }
    }

    /** {@code target} holding {@code packed}: kept when its size and time are the entry's, else written anew. */
    private static Path putInPlace(Packed packed, Path target) throws IOException {
        if (matches(packed, target)) {
            return target;
        }
        Path folder = target.toAbsolutePath().getParent();
        String partPrefix = "." + packed.fileName() + "-";
        removeAbandonedParts(folder, partPrefix);
        Path part = Files.createTempFile(folder, partPrefix, ".part");
        try {
            CRC32 crc = new CRC32();
            try (InputStream in = packed.content().open();
                    var out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (crc.getValue() != packed.crc() || Files.size(part) != packed.size()) {
                throw new IOException("the library read from the jar does not match its entry (size or CRC)");
            }
            if (part.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // A temporary file is the owner's alone; every user who can run the jar must load its library.
                Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.setLastModifiedTime(part, FileTime.fromMillis(packed.modifiedMillis()));
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** How long a partial library may sit before it counts as left by a run that was killed while unpacking. */
    private static final long ABANDONED_PART_MILLIS = 10 * 60 * 1000L;

    /** Deletes partial libraries a killed run left in {@code folder}; one being written by a run now is younger. */
    private static void removeAbandonedParts(Path folder, String prefix) {
        long before = System.currentTimeMillis() - ABANDONED_PART_MILLIS;
        try (var parts = Files.newDirectoryStream(folder, prefix + "*.part")) {
            for (Path part : parts) {
                try {
                    if (Files.getLastModifiedTime(part).toMillis() < before) {
                        Files.deleteIfExists(part);
                    }
                } catch (IOException e) {
                    // another run removed it, or it is not ours to remove
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // an unreadable folder fails the unpacking itself, with its reason
        }
    }

    /** True when {@code target} is a file of the entry's size and time, as this class leaves it. */
    private static boolean matches(Packed packed, Path target) {
        try {
            return Files.isRegularFile(target)
                    && Files.size(target) == packed.size()
                    && Files.getLastModifiedTime(target).toMillis() == packed.modifiedMillis();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The name the driver gives its library on Linux, as its own lookup does: {@code libduckdb_java.so_linux_} then
     * {@code amd64}, {@code arm64}, or the architecture as Java names it, reduced to the characters the driver keeps.
     */
    static String linuxFileName(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT).trim();
        String driverArch =
                switch (arch) {
                    case "x86_64", "amd64" -> "amd64";
                    case "aarch64", "arm64" -> "arm64";
                    default -> arch.replaceAll("[^a-z0-9_\\-.]", "");
                };
        return "libduckdb_java.so_linux_" + driverArch;
    }

    private static Packed packed(String fileName, URL resource) {
        try {
            URLConnection connection = resource.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                throw new StoreException("DuckDB's native library " + resource + " is not inside a jar");
            }
            JarEntry entry = jar.getJarEntry();
            // The entry's time is a DOS time without a zone, which getTime() reads in the JVM's zone: the same jar
            // would give another time to a run in another zone, and the library would be unpacked anew each time.
            long time = entry.getTimeLocal().toInstant(ZoneOffset.UTC).toEpochMilli();
            return new Packed(fileName, entry.getSize(), entry.getCrc(), time, resource::openStream);
        } catch (IOException e) {
            throw new StoreException("cannot read DuckDB's native library in the jar: " + describe(e), e);
        }
    }

    /** The folder of the jar holding the driver's classes, as the driver resolves it. */
    private static Path driverJarFolder(ClassLoader loader) {
        try {
            Class<?> driver = Class.forName(DRIVER_NATIVE_CLASS, false, loader);
            Path jar = Path.of(
                    driver.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().toRealPath();
        } catch (ClassNotFoundException | URISyntaxException | IOException | RuntimeException e) {
            throw new StoreException("cannot find the folder of DuckDB's driver jar: " + e.getMessage(), e);
        }
    }

    /** The user's cache folder for tlsaudit: {@code $XDG_CACHE_HOME/tlsaudit}, else {@code ~/.cache/tlsaudit}. */
    private static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tlsaudit");
    }

    private static boolean onLibraryPath(Path folder) {
        String path = System.getProperty("java.library.path", "");
        Path wanted = folder.toAbsolutePath().normalize();
        for (String entry : path.split(File.pathSeparator)) {
            try {
                if (!entry.isEmpty()
                        && Path.of(entry).toAbsolutePath().normalize().equals(wanted)) {
                    return true;
                }
            } catch (InvalidPathException e) {
                // an entry that is no path (a quoted one on Windows) holds no library
            }
        }
        return false;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

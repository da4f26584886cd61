package io.tlsaudit.store;

/**
 * DuckDB's native library being put in place ({@link EngineLibrary}) and loaded on a thread of its own (see {@link
 * AuditDatabase#loadEngineInBackground}). The caller waits for it before it opens a database, so that a library that
 * cannot be unpacked or loaded (a folder that is full or mounted {@code noexec}) is said in words, and before it
 * ends, so that the JVM never exits while the library is being unpacked.
 */
public final class EngineLoad {

    /** The driver's class whose initialisation loads the library. */
    private static final String NATIVE_CLASS = "org.duckdb.DuckDBNative";

    private final Thread loader;
    private volatile Throwable failure;

    private EngineLoad(String className) {
        this.loader = new Thread(() -> load(className), "tlsaudit-engine-loader");
        loader.setDaemon(true);
    }

    static EngineLoad start() {
        return start(NATIVE_CLASS);
    }

    /** Loads and initialises {@code className} instead: for tests of a load that fails. */
    static EngineLoad start(String className) {
        EngineLoad load = new EngineLoad(className);
        load.loader.start();
        return load;
    }

    private void load(String className) {
        try {
            EngineLibrary.prepareForThisJvm();
            Class.forName(className, true, EngineLoad.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError | StoreException e) {
            failure = e;
        }
    }

    /** Waits until the load has ended, however long; an interrupt is kept for the caller. */
    public void awaitEnd() {
        boolean interrupted = false;
        while (true) {
            try {
                loader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the load; throws when the library could not be loaded, saying why. */
    public void awaitLoaded() {
        awaitEnd();
        if (failure != null) {
            throw new StoreException("cannot load DuckDB's native library: " + reason(failure), failure);
        }
    }

    /**
     * Our own message when the library could not be put in place (it names the folders and their reasons), else the
     * innermost cause's message, which names what failed (the unpacked file, the loader's error).
     */
    private static String reason(Throwable failure) {
        if (failure instanceof StoreException own) {
            return own.getMessage();
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "the library did not load" : AuditDatabase.firstLine(message);
    }
}

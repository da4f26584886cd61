package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EngineLoadTest {

    /** A class whose initialisation fails as the driver's does when its library cannot be loaded. */
    static final class FailingNative {
        static {
            if (Boolean.TRUE) {
                throw new IllegalStateException("/tmp/libduckdb_java123.so: failed to map segment from shared object");
            }
        }

        private FailingNative() {}
    }

    @Test
    void aLibraryThatCannotBeLoadedIsSaidInWordsWhenTheDatabaseIsToBeOpened() {
        EngineLoad load = EngineLoad.start(FailingNative.class.getName());
        StoreException failure = assertThrows(StoreException.class, load::awaitLoaded);
        assertEquals(
                "cannot load DuckDB's native library: /tmp/libduckdb_java123.so: failed to map segment from shared"
                        + " object",
                failure.getMessage());
    }
}

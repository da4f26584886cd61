package io.tlsaudit.parse.smtp;

import io.tlsaudit.parse.Utf8;
import java.util.Arrays;
import java.util.function.Function;

/**
 * What the last few distinct texts of a column read as, kept by their bytes: a file repeats a handful of connector
 * names on every row and a handful of TLS result lines on every connection, so each is decoded and read once and its
 * value shared. Owned by one reader; not thread-safe.
 *
 * @param <V> what a text reads as
 */
final class RecentTexts<V> {

    private final byte[][] encoded;
    private final Object[] values;
    private final Function<String, V> read;
    private int next;

    /**
     * @param size how many distinct texts are kept; beyond that, the oldest makes room
     * @param read what a text reads as, called once per distinct text kept
     */
    RecentTexts(int size, Function<String, V> read) {
        this.encoded = new byte[size][];
        this.values = new Object[size];
        this.read = read;
    }

    /** What the text {@code bytes[from, to)} reads as. */
    @SuppressWarnings("unchecked")
    V of(byte[] bytes, int from, int to) {
        for (int i = 0; i < encoded.length && encoded[i] != null; i++) {
            byte[] known = encoded[i];
            if (Arrays.equals(known, 0, known.length, bytes, from, to)) {
                return (V) values[i];
            }
        }
        V value = read.apply(Utf8.decode(bytes, from, to));
        encoded[next] = Arrays.copyOfRange(bytes, from, to);
        values[next] = value;
        next = (next + 1) % encoded.length;
        return value;
    }
}

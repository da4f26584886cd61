package io.tlsaudit.parse;

/**
 * The hexadecimal numbers of the IIS {@code crypt-*} fields: one to eight ASCII hex digits in any case, nothing else.
 * A sign, spaces, {@code 0x}, full-width or other non-ASCII digits, all of which {@link Long#parseLong(String, int)}
 * would accept, make the value malformed.
 */
final class IisHex {

    /** Returned for text that is not such a number. */
    static final long MALFORMED = -1;

    private IisHex() {}

    static long parse(String hex) {
        int length = hex.length();
        if (length < 1 || length > 8) {
            return MALFORMED;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = hex.charAt(i);
            int digit = c >= '0' && c <= '9'
                    ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return MALFORMED;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}

package io.tlsaudit.parse.w3c;

/**
 * The Exchange client protocol behind a request, from the virtual directory of {@code cs-uri-stem}
 * (docs/log-formats.md, 'Virtual directory to client protocol').
 */
public enum ClientProtocol {
    OWA("OWA", "/owa"),
    ECP("ECP", "/ecp"),
    EWS("EWS", "/ews"),
    ACTIVESYNC("ActiveSync", "/microsoft-server-activesync"),
    MAPI("MAPI", "/mapi"),
    RPC("RPC", "/rpc"),
    AUTODISCOVER("Autodiscover", "/autodiscover"),
    OAB("OAB", "/oab"),
    POWERSHELL("PowerShell", "/powershell"),
    API("API", "/api"),
    OTHER("other", "");

    /** Every protocol but {@link #OTHER}, in the order they are tried. */
    private static final ClientProtocol[] PREFIXED = {
        OWA, ECP, EWS, ACTIVESYNC, MAPI, RPC, AUTODISCOVER, OAB, POWERSHELL, API
    };

    private final String label;
    private final String prefix;

    ClientProtocol(String label, String prefix) {
        this.label = label;
        this.prefix = prefix;
    }

    /** The stored value. */
    public String label() {
        return label;
    }

    /**
     * The protocol of a URI stem: a case-insensitive match on the first path segment. It runs for every request, so
     * it neither lowers the stem into a new String nor copies {@code values()}. The prefixes are ASCII and only ASCII
     * letters are folded, which matches exactly what lowering the whole stem with {@code Locale.ROOT} matched: of the
     * other characters only the Kelvin sign lowers to ASCII ({@code k}, in no prefix), and {@code İ} to {@code i}
     * with a combining dot that no prefix has. {@link String#regionMatches(boolean, int, String, int, int)} would
     * differ: it takes {@code ſ} for {@code s}.
     */
    public static ClientProtocol fromUriStem(String uriStem) {
        for (ClientProtocol protocol : PREFIXED) {
            if (protocol.isPrefixOf(uriStem)) {
                return protocol;
            }
        }
        return OTHER;
    }

    private boolean isPrefixOf(String stem) {
        int length = prefix.length();
        if (stem.length() < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = stem.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != prefix.charAt(i)) {
                return false;
            }
        }
        return stem.length() == length || stem.charAt(length) == '/' || stem.charAt(length) == '.';
    }
}

package io.tlsaudit.parse.w3c;

import java.util.Locale;

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

    /** The protocol of a URI stem: a case-insensitive match on the first path segment. */
    public static ClientProtocol fromUriStem(String uriStem) {
        String stem = uriStem.toLowerCase(Locale.ROOT);
        for (ClientProtocol protocol : values()) {
            if (protocol == OTHER) {
                break;
            }
            if (stem.startsWith(protocol.prefix)
                    && (stem.length() == protocol.prefix.length()
                            || stem.charAt(protocol.prefix.length()) == '/'
                            || stem.charAt(protocol.prefix.length()) == '.')) {
                return protocol;
            }
        }
        return OTHER;
    }
}

package io.tlsaudit.parse;

/**
 * Text the peer controls (EHLO names, user names, user agents, paths) is stored, never interpreted, and kept short:
 * a hostile peer sends kilobytes where a name has dozens of characters.
 */
public final class PeerText {

    private PeerText() {}

    /** {@code text} itself when it has at most {@code limit} characters, else its start and an ellipsis. */
    public static String capped(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit) + "…";
    }
}

package io.tlsaudit.parse;

import java.util.Optional;

/**
 * One side of a connection as logged: {@code 10.0.0.11:25}, {@code [2001:db8::25]:25}, {@code [fe80::1%7]:25}, or
 * the masked and empty forms of published logs ({@code 10.**.**.21:41872}, {@code xxx.xxx.xxx.xxx:25}).
 *
 * @param host the address without brackets, or the masked text as written; empty when nothing was logged
 * @param port the port, empty when absent or not a number
 * @param validAddress true when {@code host} is an IPv4 or IPv6 literal
 */
public record Endpoint(String host, Optional<Integer> port, boolean validAddress) {

    private static final Endpoint EMPTY = new Endpoint("", Optional.empty(), false);

    /** Splits on the last colon, strips brackets, and judges the address; never throws. */
    public static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        String value = text.trim();
        String hostPart = value;
        Optional<Integer> port = Optional.empty();
        int colon = value.lastIndexOf(':');
        boolean bracketed = value.startsWith("[");
        // A bare IPv6 address has several colons and no port: only split when the port side is unambiguous.
        boolean hasPort = colon > 0 && (bracketed ? value.charAt(colon - 1) == ']' : value.indexOf(':') == colon);
        if (hasPort) {
            hostPart = value.substring(0, colon);
            port = parsePort(value.substring(colon + 1));
        }
        if (hostPart.startsWith("[") && hostPart.endsWith("]")) {
            hostPart = hostPart.substring(1, hostPart.length() - 1);
        }
        return new Endpoint(hostPart, port, IpAddresses.isLiteral(hostPart));
    }

    private static Optional<Integer> parsePort(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return Optional.empty();
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? Optional.of(port) : Optional.empty();
    }
}

package io.tlsaudit.parse;

/** Recognises IP address literals without resolving anything: log values are never handed to the resolver. */
public final class IpAddresses {

    private IpAddresses() {}

    /** True for a dotted IPv4 literal or an IPv6 literal (optionally with a {@code %zone}). */
    public static boolean isLiteral(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    /**
     * The address of an IP literal written alone or with a port, or null when {@code text} is no such literal.
     * Accepted: {@code 203.0.113.9}, {@code 203.0.113.9:5555}, {@code 2001:db8::1}, {@code [2001:db8::1]} and
     * {@code [2001:db8::1]:5555}. An IPv6 literal without brackets is returned whole: there a last {@code :5555} is
     * a group of the address, not a port.
     */
    public static String withoutPort(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            String address = text.substring(1, close);
            boolean portOk = close == text.length() - 1 || (text.charAt(close + 1) == ':' && isPort(text, close + 2));
            return portOk && isIpv6(address) ? address : null;
        }
        if (isLiteral(text)) {
            return text;
        }
        int colon = text.indexOf(':');
        if (colon > 0 && isPort(text, colon + 1)) {
            String address = text.substring(0, colon);
            return isIpv4(address) ? address : null;
        }
        return null;
    }

    /** One to five ASCII digits from {@code start} to the end, at most 65535. */
    private static boolean isPort(String text, int start) {
        int length = text.length() - start;
        if (length < 1 || length > 5) {
            return false;
        }
        int port = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535;
    }

    static boolean isIpv4(String text) {
        int parts = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || value > 255) {
                    return false;
                }
                parts++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    static boolean isIpv6(String text) {
        String address = text;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (address.indexOf(':') < 0 || address.length() > 45) {
            return false;
        }
        int lastColon = address.lastIndexOf(':');
        String tail = address.substring(lastColon + 1);
        // An embedded IPv4 tail (::ffff:192.0.2.1) counts as two groups.
        boolean ipv4Tail = tail.indexOf('.') >= 0;
        if (ipv4Tail && !isIpv4(tail)) {
            return false;
        }
        String groupsText = ipv4Tail ? address.substring(0, lastColon + 1) + "0:0" : address;
        int doubleColon = groupsText.indexOf("::");
        if (doubleColon >= 0 && groupsText.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = groupsText.split(":", -1);
        int nonEmpty = 0;
        for (String group : groups) {
            if (group.isEmpty()) {
                continue;
            }
            if (group.length() > 4) {
                return false;
            }
            for (int i = 0; i < group.length(); i++) {
                // ASCII only: Character.digit would also take full-width and other Unicode digits.
                char c = group.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                    return false;
                }
            }
            nonEmpty++;
        }
        return doubleColon >= 0 ? nonEmpty <= 7 : nonEmpty == 8 && groups.length == 8;
    }
}

package io.tlsaudit.parse;

/** Recognises IP address literals without resolving anything: log values are never handed to the resolver. */
public final class IpAddresses {

    private IpAddresses() {}

    /** True for a dotted IPv4 literal or an IPv6 literal (optionally with a {@code %zone}). */
    public static boolean isLiteral(String text) {
        return isIpv4(text) || isIpv6(text);
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
                if (Character.digit(group.charAt(i), 16) < 0) {
                    return false;
                }
            }
            nonEmpty++;
        }
        return doubleColon >= 0 ? nonEmpty <= 7 : nonEmpty == 8 && groups.length == 8;
    }
}

package io.tlsaudit.parse.w3c;

import io.tlsaudit.parse.IpAddresses;
import io.tlsaudit.parse.PeerText;

/** Reads the client address fields of a request: {@code c-ip} and a forwarded-for field. */
final class ClientAddresses {

    private ClientAddresses() {}

    /**
     * {@code c-ip} without the port some writers append ({@code [2001:db8::1]:5555} is {@code 2001:db8::1}); a value
     * that is no IP literal is kept as written, capped at {@code limit} characters. Null stays null.
     */
    static String clientIp(String value, int limit) {
        if (value == null) {
            return null;
        }
        String address = IpAddresses.withoutPort(value);
        return PeerText.capped(address != null ? address : value, limit);
    }

    /**
     * The first address of an X-Forwarded-For value ({@code 203.0.113.77,+10.0.0.5}; IIS writes spaces as {@code +}),
     * or null when it is no IP literal. The client sends this header itself, so anything but an address is not
     * believed: the request keeps {@code c-ip} as its client and is marked {@link IisRequest#forwardedInvalid()}.
     */
    static String forwardedClient(String value, int limit) {
        int comma = value.indexOf(',');
        int start = 0;
        int end = comma < 0 ? value.length() : comma;
        while (start < end && (value.charAt(start) == '+' || value.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == '+' || value.charAt(end - 1) == ' ')) {
            end--;
        }
        String address = IpAddresses.withoutPort(value.substring(start, end));
        // An IPv6 zone (fe80::1%eth0) may be of any length.
        return address == null ? null : PeerText.capped(address, limit);
    }
}

package io.tlsaudit.parse.w3c;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where each column sits, from the latest {@code #Fields} line. Absent columns are -1. */
final class W3cFieldLayout {

    /** The names as the {@code #Fields} line spells them, for messages. */
    private final List<String> names;

    final int columnCount;
    final int date;
    final int time;
    final int serverIp;
    final int method;
    final int uriStem;
    final int uriQuery;
    final int serverPort;
    final int username;
    final int clientIp;
    final int userAgent;
    final int status;
    final int protocol;
    final int cipher;
    final int hash;
    final int keyExchange;
    final int forwardedFor;

    private W3cFieldLayout(List<String> written, IisFieldNames custom) {
        this.names = List.copyOf(written);
        List<String> names = new ArrayList<>(written.size());
        for (String name : written) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        columnCount = names.size();
        date = names.indexOf("date");
        time = names.indexOf("time");
        serverIp = names.indexOf("s-ip");
        method = names.indexOf("cs-method");
        uriStem = names.indexOf("cs-uri-stem");
        uriQuery = names.indexOf("cs-uri-query");
        serverPort = names.indexOf("s-port");
        username = names.indexOf("cs-username");
        clientIp = names.indexOf("c-ip");
        userAgent = names.indexOf("cs(user-agent)");
        status = names.indexOf("sc-status");
        protocol = custom.indexOf(IisFieldNames.Role.PROTOCOL, names);
        cipher = custom.indexOf(IisFieldNames.Role.CIPHER, names);
        hash = custom.indexOf(IisFieldNames.Role.HASH, names);
        keyExchange = custom.indexOf(IisFieldNames.Role.KEYEXCHANGE, names);
        forwardedFor = custom.indexOf(IisFieldNames.Role.CLIENT_IP, names);
    }

    /** The layout of a {@code #Fields} value (names separated by spaces). */
    static W3cFieldLayout parse(String fields, IisFieldNames custom) {
        return new W3cFieldLayout(List.of(fields.trim().split(" +")), custom);
    }

    /**
     * What a request line lacks to be of use, e.g. {@code "time and c-ip"}, or null when nothing. A request needs a
     * time, to place it in a report window, and a client address, since every row stands for a client: a block
     * without {@code c-ip} records no client at all, while a single {@code -} is just one row without one. The date
     * may come from the {@code #Date} line instead, and the path, method, status and TLS fields are optional.
     */
    String missingRequired() {
        if (time < 0 && clientIp < 0) {
            return "time and c-ip";
        }
        if (time < 0) {
            return "time";
        }
        return clientIp < 0 ? "c-ip" : null;
    }

    /** The name of column {@code index} as written. */
    String name(int index) {
        return names.get(index);
    }

    /** True when the negotiated protocol is logged at all. */
    boolean logsTls() {
        return protocol >= 0;
    }
}

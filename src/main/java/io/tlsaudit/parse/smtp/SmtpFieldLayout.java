package io.tlsaudit.parse.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where each column sits, from the latest {@code #Fields} line: columns are mapped by name, never by position. */
public final class SmtpFieldLayout {

    static final List<String> REQUIRED = List.of(
            "date-time",
            "connector-id",
            "session-id",
            "sequence-number",
            "local-endpoint",
            "remote-endpoint",
            "event",
            "data",
            "context");

    /** The layout Exchange 2007 to 2019 write, used when a file carries no {@code #Fields} line. */
    public static final SmtpFieldLayout STANDARD = fromNames(REQUIRED).orElseThrow();

    final int columnCount;
    final int dateTime;
    final int connectorId;
    final int sessionId;
    final int sequenceNumber;
    final int localEndpoint;
    final int remoteEndpoint;
    final int event;
    final int data;
    final int context;

    private SmtpFieldLayout(List<String> names) {
        this.columnCount = names.size();
        this.dateTime = names.indexOf("date-time");
        this.connectorId = names.indexOf("connector-id");
        this.sessionId = names.indexOf("session-id");
        this.sequenceNumber = names.indexOf("sequence-number");
        this.localEndpoint = names.indexOf("local-endpoint");
        this.remoteEndpoint = names.indexOf("remote-endpoint");
        this.event = names.indexOf("event");
        this.data = names.indexOf("data");
        this.context = names.indexOf("context");
    }

    /** The layout of the field names given, or empty when one of the nine this tool reads is missing. */
    public static Optional<SmtpFieldLayout> fromNames(List<String> names) {
        List<String> normalized = new ArrayList<>(names.size());
        for (String name : names) {
            normalized.add(name.trim().toLowerCase(Locale.ROOT));
        }
        if (!normalized.containsAll(REQUIRED)) {
            return Optional.empty();
        }
        return Optional.of(new SmtpFieldLayout(normalized));
    }

    /** Names missing from a {@code #Fields} list, for the message that rejects it. */
    static List<String> missingFrom(List<String> names) {
        List<String> normalized =
                names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
        return REQUIRED.stream().filter(n -> !normalized.contains(n)).toList();
    }
}

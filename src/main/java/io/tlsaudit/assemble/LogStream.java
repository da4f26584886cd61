package io.tlsaudit.assemble;

import static java.util.Objects.requireNonNull;

import io.tlsaudit.parse.smtp.SmtpDirection;

/**
 * The files one transport service writes for one direction on one server. Session ids are unique only within a
 * stream (docs/log-formats.md, 'Sessions'), so a connection is keyed by stream and session id.
 *
 * @param server the Exchange server, e.g. {@code EX01}
 * @param service the transport service folder: {@code FrontEnd}, {@code Hub}, {@code Edge}, ...
 * @param direction receive or send, from {@code #Log-type}
 */
public record LogStream(String server, String service, SmtpDirection direction) {
    public LogStream {
        requireNonNull(server, "server is null");
        requireNonNull(service, "service is null");
        requireNonNull(direction, "direction is null");
    }
}

package io.tlsaudit.assemble;

import io.tlsaudit.parse.UtcTimestamps;
import io.tlsaudit.parse.w3c.IisRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Groups the requests of one IIS log file by client, request and TLS values per hour. Emits groups at
 * {@link #finish()}, or early when {@value #MAX_OPEN_GROUPS} groups are open (the rows stay correct, only less
 * grouped), so memory stays bounded on any file. Not thread-safe.
 */
public final class IisRequestAggregator {

    static final int MAX_OPEN_GROUPS = 100_000;
    private static final long MICROS_PER_HOUR = 3_600_000_000L;

    private final String server;
    private final String site;
    private final String sourceFile;
    private final Consumer<IisRequestGroup> sink;
    private final Map<GroupKey, Counts> open = new HashMap<>();

    public IisRequestAggregator(String server, String site, String sourceFile, Consumer<IisRequestGroup> sink) {
        this.server = server;
        this.site = site;
        this.sourceFile = sourceFile;
        this.sink = sink;
    }

    public void accept(IisRequest request) {
        GroupKey key = new GroupKey(Math.floorDiv(request.epochMicros(), MICROS_PER_HOUR), request);
        Counts counts = open.get(key);
        if (counts == null) {
            if (open.size() >= MAX_OPEN_GROUPS) {
                finish();
            }
            counts = new Counts(request.epochMicros());
            open.put(key, counts);
        }
        counts.requests++;
        counts.first = Math.min(counts.first, request.epochMicros());
        counts.last = Math.max(counts.last, request.epochMicros());
    }

    /** Emits every open group. */
    public void finish() {
        for (Map.Entry<GroupKey, Counts> entry : open.entrySet()) {
            IisRequest r = entry.getKey().request;
            Counts counts = entry.getValue();
            sink.accept(new IisRequestGroup(
                    server,
                    site,
                    UtcTimestamps.toLocalDateTime(counts.first),
                    UtcTimestamps.toLocalDateTime(counts.last),
                    r.clientIp(),
                    r.proxyIp(),
                    r.forwardedInvalid(),
                    r.username(),
                    r.userAgent(),
                    r.clientProtocol().label(),
                    r.method(),
                    r.uriStem(),
                    r.serverPort() < 0 ? null : r.serverPort(),
                    r.status() < 0 ? null : r.status(),
                    r.tlsLogged(),
                    r.tlsProtocol(),
                    r.legacyTls(),
                    r.cipher(),
                    r.mac(),
                    r.keyExchange(),
                    r.probe(),
                    counts.requests,
                    sourceFile));
        }
        open.clear();
    }

    private static final class Counts {
        long requests;
        long first;
        long last;

        Counts(long micros) {
            first = micros;
            last = micros;
        }
    }

    /** Equal when everything but the line number and the time within the hour is equal. */
    private static final class GroupKey {
        final long hour;
        final IisRequest request;
        final int hash;

        GroupKey(long hour, IisRequest request) {
            this.hour = hour;
            this.request = request;
            this.hash = Objects.hash(
                    hour,
                    request.clientIp(),
                    request.proxyIp(),
                    request.forwardedInvalid(),
                    request.username(),
                    request.userAgent(),
                    request.method(),
                    request.uriStem(),
                    request.status(),
                    request.tlsProtocol(),
                    request.cipher(),
                    request.mac(),
                    request.keyExchange());
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof GroupKey key)) {
                return false;
            }
            IisRequest a = request;
            IisRequest b = key.request;
            return hour == key.hour
                    && Objects.equals(a.clientIp(), b.clientIp())
                    && Objects.equals(a.proxyIp(), b.proxyIp())
                    && a.forwardedInvalid() == b.forwardedInvalid()
                    && Objects.equals(a.username(), b.username())
                    && Objects.equals(a.userAgent(), b.userAgent())
                    && Objects.equals(a.method(), b.method())
                    && Objects.equals(a.uriStem(), b.uriStem())
                    && a.serverPort() == b.serverPort()
                    && a.status() == b.status()
                    && a.tlsLogged() == b.tlsLogged()
                    && Objects.equals(a.tlsProtocol(), b.tlsProtocol())
                    && Objects.equals(a.cipher(), b.cipher())
                    && Objects.equals(a.mac(), b.mac())
                    && Objects.equals(a.keyExchange(), b.keyExchange())
                    && a.probe() == b.probe();
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}

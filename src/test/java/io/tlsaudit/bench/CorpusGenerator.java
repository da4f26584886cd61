package io.tlsaudit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes a realistic log share for the benchmark (issue "5/8 share-scale ingest"): several Exchange servers of
 * different builds, each with a Front End Receive log, a Hub Send log and the IIS log of its Default Web Site, laid
 * out as on the servers ({@code EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2026110208-1.LOG},
 * {@code EX01/TransportRoles/Logs/Hub/ProtocolLog/SmtpSend/SEND...}, {@code EX01/inetpub/logs/LogFiles/W3SVC1/
 * u_ex26110208_x.log}), and {@code corpus-manifest.txt} with the generator's own count of what it wrote.
 *
 * <pre>
 * java -cp target/test-classes:target/tlsaudit.jar io.tlsaudit.bench.CorpusGenerator --out DIR
 *     [--servers 4] [--days 3] [--seed 1] [--start 2026-11-02] [--scale 1.0] [--threads N] [--small-files N]
 * </pre>
 *
 * <p>With {@code --servers 4 --days 3} the share is 633 files, 1.19 GB, 7.1 million rows (6.6 million SMTP, 0.5
 * million IIS) and 250,000 SMTP connections; {@code --days 6} doubles it (no day of the week is quieter) and
 * {@code --scale} multiplies the traffic per hour. {@code --small-files N} writes instead a share of about N small
 * hourly files (the no-change re-run benchmark). The output depends only on the options: every server and stream
 * draws from its own seeded {@link SplittableRandom}, so threads do not change it.
 */
public final class CorpusGenerator {

    // Receive sessions, Send sessions and IIS requests per server and hour at the daily mean (the reference corpus).
    private static final double RECEIVE_PER_HOUR = 575;
    private static final double SEND_PER_HOUR = 372;
    private static final double IIS_PER_HOUR = 1900;

    private record Options(
            Path out, int servers, int days, long seed, LocalDate start, double scale, int threads, int smallFiles) {}

    private CorpusGenerator() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("CorpusGenerator: " + e.getMessage());
            System.err.println("usage: CorpusGenerator --out DIR [--servers 4] [--days 3] [--seed 1]"
                    + " [--start 2026-11-02] [--scale 1.0] [--threads N] [--small-files N]");
            System.exit(2);
            return;
        }
        long began = System.nanoTime();
        Map<String, Long> counts = generate(options);
        double seconds = (System.nanoTime() - began) / 1e9;
        writeManifest(options, counts, seconds);
        System.err.printf(
                Locale.ROOT,
                "CorpusGenerator: %s: %d files, %.2f GB, %d rows, %d SMTP connections in %.1f s%n",
                options.out(),
                counts.get("files"),
                counts.get("bytes") / 1e9,
                counts.get("rows"),
                counts.get("connections"),
                seconds);
    }

    private static Map<String, Long> generate(Options options) throws InterruptedException, ExecutionException {
        boolean small = options.smallFiles() > 0;
        int servers = options.servers();
        int days = options.days();
        double receiveRate = RECEIVE_PER_HOUR * options.scale();
        double sendRate = SEND_PER_HOUR * options.scale();
        double iisRate = IIS_PER_HOUR * options.scale();
        if (small) {
            // Three hourly files per server and hour (receive, send, IIS), a few rows each.
            servers = Math.max(1, (int) Math.round(options.smallFiles() / (72.0 * 14)));
            days = Math.max(1, (int) Math.round(options.smallFiles() / (72.0 * servers)));
            receiveRate = 3;
            sendRate = 2;
            iisRate = 8;
        }
        List<ExchangeServer> organisation = new ArrayList<>();
        for (int i = 1; i <= servers; i++) {
            organisation.add(ExchangeServer.of(i, small));
        }
        CorpusPeers peers = CorpusPeers.create(options.seed());
        LogClock clock = new LogClock(options.start(), days);
        List<Callable<CorpusTally>> tasks = new ArrayList<>();
        for (ExchangeServer server : organisation) {
            long seed = options.seed() * 1_000_003L + server.index() * 16L;
            tasks.add(new SmtpStreamWriter(
                    options.out(),
                    server,
                    true,
                    clock,
                    days,
                    receiveRate,
                    small,
                    seed + 1,
                    new ReceiveSessions(server, peers, clock, new SplittableRandom(seed + 2)),
                    null));
            tasks.add(new SmtpStreamWriter(
                    options.out(),
                    server,
                    false,
                    clock,
                    days,
                    sendRate,
                    small,
                    seed + 3,
                    null,
                    new SendSessions(server, organisation, peers, clock, new SplittableRandom(seed + 4))));
            tasks.add(new IisLogWriter(options.out(), server, peers, clock, days, iisRate, small, seed + 5));
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<CorpusTally>> results = pool.invokeAll(tasks);
            CorpusTally total = new CorpusTally();
            for (Future<CorpusTally> result : results) {
                total.add(result.get());
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("servers", (long) servers);
            counts.put("days", (long) days);
            counts.putAll(total.counts());
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeManifest(Options options, Map<String, Long> counts, double seconds) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# tlsaudit benchmark corpus, written by io.tlsaudit.bench.CorpusGenerator.\n")
                .append("# Counted from the generator's own decisions, not by reading the files back.\n")
                .append("# connections: SMTP connections that ended inside the corpus (a '-' row, or 'Failed to\n")
                .append("#   connect' on a Send log; a Send session trying two hosts is two connections);\n")
                .append("#   connections_cut: those a service restart cut off, which never end (not counted above).\n")
                .append("# legacy_connections: negotiated TLS 1.0, TLS 1.1 or SSL 3.0.\n")
                .append("# legacy_only_peers: (direction, remote address) with a negotiated connection, all legacy.\n")
                .append("# rows: data rows (no # lines); iis_requests: IIS data rows.\n")
                .append("seed=")
                .append(options.seed())
                .append('\n')
                .append("start=")
                .append(options.start())
                .append('\n')
                .append("small_files=")
                .append(options.smallFiles())
                .append('\n');
        counts.forEach(
                (key, value) -> text.append(key).append('=').append(value).append('\n'));
        text.append(String.format(Locale.ROOT, "generated_seconds=%.1f%n", seconds));
        Files.createDirectories(options.out());
        Files.writeString(options.out().resolve("corpus-manifest.txt"), text, StandardCharsets.UTF_8);
    }

    private static Options parse(String[] args) {
        Path out = null;
        int servers = 4;
        int days = 3;
        long seed = 1;
        LocalDate start = LocalDate.of(2026, 11, 2);
        double scale = 1.0;
        int threads = Runtime.getRuntime().availableProcessors();
        int smallFiles = 0;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--out" -> out = Path.of(value);
                    case "--servers" -> servers = positive(option, Integer.parseInt(value));
                    case "--days" -> days = positive(option, Integer.parseInt(value));
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--start" -> start = LocalDate.parse(value);
                    case "--scale" -> scale = Double.parseDouble(value);
                    case "--threads" -> threads = positive(option, Integer.parseInt(value));
                    case "--small-files" -> smallFiles = positive(option, Integer.parseInt(value));
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": not a valid value: " + value);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        if (scale <= 0) {
            throw new IllegalArgumentException("--scale must be positive");
        }
        if (Files.exists(out) && !isEmptyFolder(out)) {
            throw new IllegalArgumentException(out + " exists and is not empty; give a new folder");
        }
        return new Options(out, servers, days, seed, start, scale, threads, smallFiles);
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return value;
    }

    private static boolean isEmptyFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

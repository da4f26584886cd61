package io.tlsaudit.bench;

import io.tlsaudit.bench.CorpusPeers.HttpsClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Writes the IIS W3C logs of one server's Default Web Site ({@code W3SVC1}) in hourly files
 * ({@code u_ex26110208_x.log}): the default IIS field list plus {@code crypt-protocol crypt-cipher crypt-hash
 * crypt-keyexchange} in hex as IIS writes them (docs/log-formats.md, 'IIS crypt-* fields'). Outlook (MAPI, EWS,
 * Autodiscover, OAB), Outlook 2010 over RPC, ActiveSync phones, browsers on OWA, EWS scripts, Managed Availability
 * probes from the server itself, and remote PowerShell on port 80 without TLS. Once a night the header block is
 * written again mid-file, as IIS does when it reopens a file after an idle period.
 */
final class IisLogWriter implements Callable<CorpusTally> {

    private static final String FIELDS = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port"
            + " cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken"
            + " crypt-protocol crypt-cipher crypt-hash crypt-keyexchange\r\n";
    private static final String[] PROBE_PATHS = {
        "/owa/healthcheck.htm",
        "/ecp/healthcheck.htm",
        "/EWS/healthcheck.htm",
        "/mapi/healthcheck.htm",
        "/Autodiscover/healthcheck.htm",
        "/Microsoft-Server-ActiveSync/healthcheck.htm",
        "/OAB/healthcheck.htm",
        "/rpc/healthcheck.htm"
    };
    private static final String[] OWA_ACTIONS = {
        "action=GetItem&app=Mail",
        "action=FindItem&app=Mail",
        "action=GetConversationItems&app=Mail",
        "action=CreateItem&app=Mail",
        "action=GetFolderMruConfiguration&app=Mail"
    };

    private final Path folder;
    private final ExchangeServer server;
    private final CorpusPeers peers;
    private final LogClock clock;
    private final int days;
    private final double requestsPerHour;
    private final boolean flatRate;
    private final SplittableRandom random;
    private final String healthMailbox;
    private final String oabGuid;
    private final CorpusTally tally = new CorpusTally();

    IisLogWriter(
            Path shareRoot,
            ExchangeServer server,
            CorpusPeers peers,
            LogClock clock,
            int days,
            double requestsPerHour,
            boolean flatRate,
            long seed) {
        this.folder = shareRoot.resolve(server.name()).resolve("inetpub/logs/LogFiles/W3SVC1");
        this.server = server;
        this.peers = peers;
        this.clock = clock;
        this.days = days;
        this.requestsPerHour = requestsPerHour;
        this.flatRate = flatRate;
        this.random = new SplittableRandom(seed);
        this.healthMailbox = "HealthMailbox" + Long.toHexString(random.nextLong()) + Long.toHexString(seed & 0xFFFF);
        this.oabGuid = "3c1f7e52-9a0d-4b6e-8f21-d47c9a5b0e1" + server.index();
    }

    @Override
    public CorpusTally call() {
        long start = clock.startMillis();
        for (long hour = start; hour < start + days * LogClock.DAY; hour += LogClock.HOUR) {
            // ActiveSync phones keep pinging at night: a flatter day than SMTP.
            double curve = flatRate ? 1.0 : 0.4 + 0.6 * SmtpStreamWriter.DAY_CURVE[clock.hourOfDay(hour)];
            double mean = requestsPerHour * curve;
            int count = (int) Math.max(1, Math.round(mean + random.nextGaussian() * Math.sqrt(mean)));
            writeHour(hour, count);
        }
        return tally;
    }

    private void writeHour(long hour, int count) {
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = hour + random.nextLong(LogClock.HOUR) / 1000 * 1000;
        }
        Arrays.sort(times);
        String name = "u_ex" + clock.iisHour(hour) + "_x.log";
        LogOutput out = new LogOutput(folder.resolve(name), false);
        header(out, times[0]);
        boolean reopen = clock.hourOfDay(hour) == 3 && count > 4;
        for (int i = 0; i < count; i++) {
            if (reopen && i == count / 2) {
                header(out, times[i]);
            }
            request(out.buffer(), times[i]);
            out.rowWritten();
        }
        out.close();
        tally.file(out, true);
    }

    private void header(LogOutput out, long time) {
        StringBuilder text = out.buffer();
        text.append("#Software: Microsoft Internet Information Services ")
                .append(server.version().iisVersion)
                .append("\r\n#Version: 1.0\r\n#Date: ");
        clock.appendW3c(text, time);
        text.append("\r\n").append(FIELDS);
    }

    private void request(StringBuilder line, long time) {
        clock.appendW3c(line, time);
        line.append(' ').append(server.ipv4()).append(' ');
        int roll = random.nextInt(1000);
        if (roll < 40) {
            probe(line);
        } else if (roll < 44) {
            line.append("POST /powershell clientApplication=ActiveMonitor;PSVersion=5.1.17763.5576 80 CONTOSO\\")
                    .append(healthMailbox)
                    .append(' ')
                    .append(server.ipv4())
                    .append(" Microsoft+WinRM+Client - 200 0 0 ")
                    .append(20 + random.nextInt(80))
                    .append(" - - - -\r\n");
        } else {
            client(line, CorpusPeers.pick(peers.httpsClients, random));
        }
    }

    private void probe(StringBuilder line) {
        line.append("GET ")
                .append(PROBE_PATHS[random.nextInt(PROBE_PATHS.length)])
                .append(" - 443 ")
                .append(healthMailbox)
                .append("@contoso.com ")
                .append(server.ipv4())
                .append(" AMProbe/Local/ClientAccess - 200 0 0 ")
                .append(5 + random.nextInt(90))
                .append(" 400 6610 800d ae06\r\n");
    }

    private void client(StringBuilder line, HttpsClient client) {
        String protocol = client.tls().protocol(random);
        if (protocol.equals("1000") && !server.version().tls13) {
            protocol = "400";
        }
        boolean challenge = random.nextInt(30) == 0; // the first, anonymous request of an NTLM/Negotiate exchange
        String user = challenge ? "-" : random.nextInt(3) == 0 ? client.upn() : client.user();
        int timeTaken = 15 + random.nextInt(400);
        String agent = client.userAgent();
        switch (client.kind()) {
            case OUTLOOK -> {
                int path = random.nextInt(20);
                if (path < 14) {
                    line.append("POST /mapi/emsmdb/ MailboxId=")
                            .append(client.deviceId().toLowerCase(Locale.ROOT))
                            .append("@contoso.com");
                } else if (path < 17) {
                    line.append("POST /mapi/nspi/ MailboxId=")
                            .append(client.deviceId().toLowerCase(Locale.ROOT))
                            .append("@contoso.com");
                } else if (path < 18) {
                    line.append("POST /Autodiscover/Autodiscover.xml -");
                } else if (path < 19) {
                    line.append("POST /EWS/Exchange.asmx -");
                } else {
                    line.append("GET /OAB/").append(oabGuid).append("/oab.xml -");
                }
            }
            case OUTLOOK_2010 -> {
                if (random.nextInt(4) == 0) {
                    line.append("POST /Autodiscover/Autodiscover.xml -");
                } else {
                    agent = "MSRPC";
                    line.append(random.nextBoolean() ? "RPC_IN_DATA" : "RPC_OUT_DATA")
                            .append(" /rpc/rpcproxy.dll ")
                            .append(server.fqdn())
                            .append(":6001");
                }
            }
            case ACTIVESYNC_IPHONE, ACTIVESYNC_ANDROID -> {
                boolean ping = random.nextInt(3) > 0;
                line.append("POST /Microsoft-Server-ActiveSync/default.eas Cmd=")
                        .append(ping ? "Ping" : "Sync")
                        .append("&User=")
                        .append(client.upn().replace("@", "%40"))
                        .append("&DeviceId=")
                        .append(client.deviceId())
                        .append("&DeviceType=")
                        .append(client.kind() == CorpusPeers.ClientKind.ACTIVESYNC_IPHONE ? "iPhone" : "Android");
                if (ping) {
                    timeTaken = 479_000 + random.nextInt(2000);
                }
            }
            case BROWSER -> {
                if (random.nextInt(12) == 0) {
                    line.append("GET /ecp/PersonalSettings/HomePage.aspx showhelp=false");
                } else {
                    line.append("POST /owa/service.svc ").append(OWA_ACTIONS[random.nextInt(OWA_ACTIONS.length)]);
                }
            }
            case EWS_SCRIPT -> line.append("POST /EWS/Exchange.asmx -");
        }
        line.append(" 443 ").append(user).append(' ').append(client.ip()).append(' ');
        line.append(agent);
        line.append(challenge ? " - 401 1 2148074254 " : " - 200 0 0 ")
                .append(timeTaken)
                .append(' ');
        line.append(protocol)
                .append(' ')
                .append(client.tls().cipher)
                .append(' ')
                .append(client.tls().hash)
                .append(' ')
                .append(client.tls().keyExchange)
                .append("\r\n");
        if (protocol.equals("10") || protocol.equals("40") || protocol.equals("100")) {
            tally.iisLegacyRows++;
        }
    }
}

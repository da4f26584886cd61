package io.tlsaudit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Everyone the generated servers talk to, fixed up front from the seed and shared read-only by every generating
 * thread: Internet mail servers sending to us, devices and applications on the relay connector, mail clients
 * submitting on port 587, the domains we send to with their MX hosts, and the HTTPS clients of IIS. Each peer has a
 * fixed TLS habit, so a fixed share of peers is legacy-only. Addresses come from ranges that are not routed:
 * 198.18.0.0/15 (RFC 2544, benchmarking), 10.0.0.0/8 and 2001:db8::/32.
 */
final class CorpusPeers {

    /** How a peer uses TLS, whatever the connection. */
    enum TlsHabit {
        /** TLS 1.2 (or 1.3 where both sides can). */
        MODERN,
        /** Mostly TLS 1.2, sometimes TLS 1.0/1.1: legacy, not legacy-only. */
        MIXED,
        /** Only ever TLS 1.0/1.1 or SSL 3.0. */
        LEGACY_ONLY,
        /** Never attempts TLS (receive), or does not offer STARTTLS (send). */
        PLAINTEXT,
        /** Often fails the handshake, else modern. */
        FLAKY
    }

    /** How a mail server answers, on the send side. */
    enum MailSoftware {
        POSTFIX,
        EXCHANGE,
        SENDMAIL
    }

    /** One SMTP peer: the remote end of a connection. */
    record Peer(
            String ip,
            boolean ipv6,
            String host,
            String domain,
            TlsHabit habit,
            TlsSuite modernSuite,
            TlsSuite legacySuite,
            boolean tls13,
            MailSoftware software,
            boolean helo) {

        /** {@code 198.18.3.7:25} or {@code [2001:db8:100::7]:25}. */
        String endpoint(int port) {
            return (ipv6 ? "[" + ip + "]" : ip) + ":" + port;
        }
    }

    /** A domain we send to and its MX hosts; the first is down on a few domains (every attempt fails over). */
    record MailDomain(String domain, List<Peer> mxHosts, boolean primaryDown) {}

    /** What an HTTPS client does: decides its paths, user agent and request rhythm. */
    enum ClientKind {
        OUTLOOK,
        OUTLOOK_2010,
        ACTIVESYNC_IPHONE,
        ACTIVESYNC_ANDROID,
        BROWSER,
        EWS_SCRIPT
    }

    /**
     * A client's TLS values as IIS logs them: hex {@code dwProtocol} (one of {@code protocols} per request) and
     * ALG_IDs (docs/log-formats.md, 'IIS crypt-* fields').
     */
    enum IisTls {
        TLS12_AES256(new String[] {"400"}, "6610", "800d", "ae06"),
        TLS12_AES128(new String[] {"400"}, "660e", "800c", "ae06"),
        /** Downgraded to TLS 1.2 by servers that cannot do 1.3. */
        TLS13(new String[] {"1000"}, "6610", "800d", "ae06"),
        MOSTLY_TLS12(new String[] {"400", "400", "400", "100"}, "6610", "8004", "ae06"),
        TLS10_11_AES(new String[] {"40", "100"}, "6610", "8004", "ae06"),
        TLS10_3DES(new String[] {"40"}, "6603", "8004", "a400"),
        SSL3_RC4(new String[] {"10"}, "6801", "8003", "a400");

        private final String[] protocols;
        final String cipher;
        final String hash;
        final String keyExchange;

        IisTls(String[] protocols, String cipher, String hash, String keyExchange) {
            this.protocols = protocols;
            this.cipher = cipher;
            this.hash = hash;
            this.keyExchange = keyExchange;
        }

        String protocol(SplittableRandom random) {
            return protocols[random.nextInt(protocols.length)];
        }
    }

    /** One HTTPS client of IIS: an address, a user and a device, with its TLS values. */
    record HttpsClient(
            ClientKind kind, String ip, String user, String upn, String userAgent, String deviceId, IisTls tls) {}

    static final String[] ORGANISATIONS = {
        "fabrikam",
        "tailspintoys",
        "northwindtraders",
        "wingtiptoys",
        "woodgrovebank",
        "adatum",
        "litwareinc",
        "proseware",
        "lucernepublishing",
        "margiestravel",
        "treyresearch",
        "alpineskihouse",
        "fourthcoffee",
        "blueyonderairlines",
        "cohowinery",
        "humongousinsurance",
        "wideworldimporters",
        "adventure-works",
        "consolidatedmessenger",
        "graphicdesigninstitute",
        "southridgevideo",
        "lamnahealthcare",
        "relecloud",
        "fineartschool",
        "bellowscollege",
        "firstupconsultants",
        "munsonspickles",
        "vanarsdel",
        "datum-labs",
        "cpandl",
        "tasmanianmotors",
        "northridgefinance",
        "baldwinmuseum",
        "thephonecompany",
        "schoolofart",
        "worldwideimporters",
        "libertysdelightfulsinfulbakery",
        "contosopharma",
        "fabrikamresidences",
        "nodpublishers"
    };

    private static final String[] SUFFIXES = {"", "-group", "-intl", "-eu", "mail", "-online", "-corp", "-partners"};
    private static final String[] TOP_LEVEL = {".com", ".net", ".org", ".de", ".nl", ".fr", ".co.uk", ".example"};
    private static final String[] HOSTS = {"mail", "mx", "mx1", "smtp", "outbound", "relay", "mta1", "gw", "mailout"};

    static final String[] FIRST_NAMES = {
        "anna", "ben", "clara", "david", "eva", "felix", "greta", "hannah", "ivan", "julia", "kim", "lukas", "mia",
        "noah", "olivia", "paul", "quinn", "rosa", "sam", "tara", "uwe", "vera", "will", "xenia", "yusuf", "zoe"
    };
    static final String[] LAST_NAMES = {
        "schmidt", "meyer", "weber", "wagner", "becker", "klein", "fischer", "larsen", "jansen", "dubois", "rossi",
        "novak", "ito", "berg", "vogel", "keller", "moreau", "silva", "horvat", "nowak"
    };

    final List<Peer> internetSenders;
    final List<Peer> relayDevices;
    final List<Peer> submissionClients;
    final List<MailDomain> sendDomains;
    final Peer partnerRelay;
    final Peer partnerMutualTls;
    final List<HttpsClient> httpsClients;

    private CorpusPeers(SplittableRandom random) {
        internetSenders = internetSenders(random, 2400, 100);
        relayDevices = relayDevices(random, 300);
        submissionClients = submissionClients(random, 600);
        sendDomains = sendDomains(random, 1500);
        partnerRelay = new Peer(
                "198.19.250.25",
                false,
                "relay.fabrikam.com",
                "fabrikam.com",
                TlsHabit.LEGACY_ONLY,
                TlsSuite.TLS12_AES256_GCM,
                TlsSuite.TLS10_AES_RSA,
                false,
                MailSoftware.SENDMAIL,
                false);
        partnerMutualTls = new Peer(
                "198.19.250.143",
                false,
                "smtp-in.fabrikam.com",
                "fabrikam.com",
                TlsHabit.FLAKY,
                TlsSuite.TLS12_AES256_GCM,
                TlsSuite.TLS10_AES_RSA,
                false,
                MailSoftware.POSTFIX,
                false);
        httpsClients = httpsClients(random, 3000);
    }

    /** The peers of a corpus: 2,500 Internet senders, 300 devices, 600 clients, 1,500 domains, 3,000 HTTPS clients. */
    static CorpusPeers create(long seed) {
        return new CorpusPeers(new SplittableRandom(seed ^ 0x5EED_0F_9EE25L));
    }

    /** A skewed pick: a few peers send most of the mail, as on real servers. */
    static <T> T pick(List<T> items, SplittableRandom random) {
        double u = random.nextDouble();
        return items.get((int) (items.size() * u * u));
    }

    static String domain(int index) {
        int organisations = ORGANISATIONS.length;
        return ORGANISATIONS[index % organisations]
                + SUFFIXES[index / organisations % SUFFIXES.length]
                + TOP_LEVEL[index / (organisations * SUFFIXES.length) % TOP_LEVEL.length];
    }

    private static List<Peer> internetSenders(SplittableRandom random, int ipv4Count, int ipv6Count) {
        List<Peer> peers = new ArrayList<>(ipv4Count + ipv6Count);
        for (int i = 0; i < ipv4Count + ipv6Count; i++) {
            boolean ipv6 = i >= ipv4Count;
            String ip = ipv6
                    ? "2001:db8:" + Integer.toHexString(0x100 + i / 200) + "::" + Integer.toHexString(1 + i % 200)
                    : "198.18." + (i / 250) + "." + (1 + i % 250);
            String domain = domain(i % 3000);
            String host = HOSTS[random.nextInt(HOSTS.length)] + "." + domain;
            TlsHabit habit = habit(random, 84, 5, 4, 5);
            peers.add(new Peer(
                    ip,
                    ipv6,
                    host,
                    domain,
                    habit,
                    TlsSuite.MODERN.get(random.nextInt(TlsSuite.MODERN.size())),
                    TlsSuite.LEGACY.get(random.nextInt(TlsSuite.LEGACY.size())),
                    random.nextInt(4) == 0,
                    MailSoftware.values()[random.nextInt(3)],
                    false));
        }
        return peers;
    }

    private static List<Peer> relayDevices(SplittableRandom random, int count) {
        String[] models = {"MFP-%dOG-KYOCERA", "SCAN-KM-%dF", "MFP-%dOG-RICOH", "FAXGW%02d", "APPSRV%02d", "ERP-NODE%d"
        };
        List<Peer> peers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int model = random.nextInt(models.length);
            String host = String.format(Locale.ROOT, models[model], 1 + i % 40);
            boolean application = model >= 4;
            if (application) {
                host = host + ".corp.contoso.com";
            }
            // Printers and scanners are the classic legacy-only and plaintext peers; applications mostly plaintext.
            TlsHabit habit = application ? habit(random, 30, 5, 10, 55) : habit(random, 20, 5, 45, 30);
            peers.add(new Peer(
                    "10.30." + (i / 250) + "." + (1 + i % 250),
                    false,
                    host,
                    "contoso.com",
                    habit,
                    TlsSuite.TLS12_AES256_GCM,
                    TlsSuite.LEGACY.get(random.nextInt(TlsSuite.LEGACY.size())),
                    false,
                    MailSoftware.EXCHANGE,
                    habit == TlsHabit.PLAINTEXT && random.nextInt(3) == 0));
        }
        return peers;
    }

    private static List<Peer> submissionClients(SplittableRandom random, int count) {
        List<Peer> peers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TlsHabit habit = habit(random, 88, 5, 5, 0);
            peers.add(new Peer(
                    "10.20." + (i / 250) + "." + (1 + i % 250),
                    false,
                    "DESKTOP-"
                            + Long.toHexString(0x10000000L + random.nextInt(0x0FFFFFFF))
                                    .toUpperCase(Locale.ROOT),
                    "contoso.com",
                    habit,
                    random.nextBoolean() ? TlsSuite.TLS12_AES256_GCM : TlsSuite.TLS12_AES128_GCM,
                    random.nextBoolean() ? TlsSuite.TLS10_AES_RSA : TlsSuite.TLS11_AES128,
                    random.nextInt(3) == 0,
                    MailSoftware.EXCHANGE,
                    false));
        }
        return peers;
    }

    private static List<MailDomain> sendDomains(SplittableRandom random, int count) {
        List<MailDomain> domains = new ArrayList<>(count);
        int host = 0;
        for (int i = 0; i < count; i++) {
            String domain = domain(3000 + i);
            int mxCount = random.nextInt(3) == 0 ? 1 : 2;
            List<Peer> mxHosts = new ArrayList<>(mxCount);
            TlsHabit domainHabit = habit(random, 85, 4, 3, 6);
            int kind = random.nextInt(4);
            MailSoftware software =
                    kind < 2 ? MailSoftware.POSTFIX : kind == 2 ? MailSoftware.EXCHANGE : MailSoftware.SENDMAIL;
            for (int m = 0; m < mxCount; m++, host++) {
                // The hosts of a domain mostly behave alike; now and then the backup MX is an older box.
                TlsHabit habit = m == 1 && random.nextInt(10) == 0 ? TlsHabit.LEGACY_ONLY : domainHabit;
                mxHosts.add(new Peer(
                        "198.19." + (host / 250) + "." + (1 + host % 250),
                        false,
                        (m == 0 ? "mx1." : "mx2.") + domain,
                        domain,
                        habit,
                        TlsSuite.MODERN.get(random.nextInt(TlsSuite.MODERN.size())),
                        TlsSuite.LEGACY.get(random.nextInt(8)),
                        random.nextInt(4) == 0,
                        software,
                        false));
            }
            domains.add(new MailDomain(domain, List.copyOf(mxHosts), mxCount == 2 && random.nextInt(40) == 0));
        }
        return domains;
    }

    private static List<HttpsClient> httpsClients(SplittableRandom random, int count) {
        List<HttpsClient> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
            String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
            String user = "CONTOSO\\" + first.charAt(0) + "." + last + (i / 500 == 0 ? "" : Integer.toString(i / 500));
            String upn = first + "." + last + (i / 500 == 0 ? "" : Integer.toString(i / 500)) + "@contoso.com";
            ClientKind kind = clientKind(random.nextInt(100));
            boolean internal = kind == ClientKind.OUTLOOK || kind == ClientKind.OUTLOOK_2010 || random.nextInt(3) == 0;
            String ip = internal
                    ? "10.21." + (i / 250) + "." + (1 + i % 250)
                    : "198.18." + (100 + i / 250) + "." + (1 + i % 250);
            clients.add(httpsClient(random, kind, ip, user, upn));
        }
        return clients;
    }

    /** Outlook 40 %, iPhones 22 %, Android 12 %, browsers 20 %, EWS scripts 3 %, Outlook 2010 3 %. */
    private static ClientKind clientKind(int percentile) {
        if (percentile < 40) {
            return ClientKind.OUTLOOK;
        }
        if (percentile < 62) {
            return ClientKind.ACTIVESYNC_IPHONE;
        }
        if (percentile < 74) {
            return ClientKind.ACTIVESYNC_ANDROID;
        }
        if (percentile < 94) {
            return ClientKind.BROWSER;
        }
        return percentile < 97 ? ClientKind.EWS_SCRIPT : ClientKind.OUTLOOK_2010;
    }

    private static HttpsClient httpsClient(
            SplittableRandom random, ClientKind kind, String ip, String user, String upn) {
        String deviceId = Long.toHexString(random.nextLong()).toUpperCase(Locale.ROOT);
        String agent =
                switch (kind) {
                    case OUTLOOK ->
                        "Microsoft+Office/16.0+(Windows+NT+10.0;+Microsoft+Outlook+16.0."
                                + (17328 + random.nextInt(600)) + ";+Pro)";
                    case OUTLOOK_2010 -> "Microsoft+Office/14.0+(Windows+NT+6.1;+Microsoft+Outlook+14.0.7268;+Pro)";
                    case ACTIVESYNC_IPHONE -> "Apple-iPhone" + (13 + random.nextInt(4)) + "C2/2104.114";
                    case ACTIVESYNC_ANDROID ->
                        random.nextInt(4) == 0
                                ? "Android/4.4.4-EAS-2.0"
                                : "Android-SAMSUNG-SM-G99" + random.nextInt(10) + "B/101.30000";
                    case BROWSER ->
                        random.nextBoolean()
                                ? "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)"
                                        + "+Chrome/13" + random.nextInt(10) + ".0.0.0+Safari/537.36"
                                : "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64;+rv:13" + random.nextInt(10)
                                        + ".0)+Gecko/20100101+Firefox/13" + random.nextInt(10) + ".0";
                    case EWS_SCRIPT -> "ExchangeServicesClient/15.00.0913.015";
                };
        // Old Outlook and Android 4 cannot do TLS 1.2; a few others are stuck on legacy TLS too, or mixed.
        boolean oldDevice = kind == ClientKind.OUTLOOK_2010 || agent.startsWith("Android/4");
        int roll = random.nextInt(100);
        IisTls tls;
        if (oldDevice || roll < 3) {
            int legacy = random.nextInt(10);
            tls = legacy == 0 ? IisTls.SSL3_RC4 : legacy < 5 ? IisTls.TLS10_3DES : IisTls.TLS10_11_AES;
        } else if (roll < 6) {
            tls = IisTls.MOSTLY_TLS12;
        } else if (random.nextInt(5) == 0) {
            tls = IisTls.TLS13;
        } else {
            tls = random.nextInt(3) > 0 ? IisTls.TLS12_AES256 : IisTls.TLS12_AES128;
        }
        return new HttpsClient(kind, ip, user, upn, agent, deviceId, tls);
    }

    private static TlsHabit habit(SplittableRandom random, int modern, int mixed, int legacyOnly, int plaintext) {
        int roll = random.nextInt(100);
        if (roll < modern) {
            return TlsHabit.MODERN;
        }
        if (roll < modern + mixed) {
            return TlsHabit.MIXED;
        }
        if (roll < modern + mixed + legacyOnly) {
            return TlsHabit.LEGACY_ONLY;
        }
        if (roll < modern + mixed + legacyOnly + plaintext) {
            return TlsHabit.PLAINTEXT;
        }
        return TlsHabit.FLAKY;
    }
}

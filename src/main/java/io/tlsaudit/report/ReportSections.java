package io.tlsaudit.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The sections of the legacy-TLS report, in reading order: the one list of section ids, titles and explanations that
 * the report, {@code report --section} and every output format use. A new section is a query in {@code queries/} and
 * an entry here.
 */
public final class ReportSections {

    private ReportSections() {}

    /**
     * A section: the named query {@code queries/ID.sql} it runs, and the words around its result.
     *
     * @param id the query's name and the section's stable identifier in JSON, CSV file names and HTML anchors
     * @param title heading for people
     * @param explanation what the rows mean and what to do about them
     * @param whenEmpty what an empty result means, said instead of an empty table
     */
    public record Spec(String id, String title, String explanation, String whenEmpty) {}

    /** The headline numbers, one row. */
    public static final Spec OVERVIEW = new Spec(
            "overview",
            "Overview",
            "Connections in the window, and how many peers still depend on legacy TLS.",
            "No connections in the window.");

    /** The detailed sections, in reading order. */
    public static final List<Spec> DETAILED = List.of(
            new Spec(
                    "readiness",
                    "If TLS 1.0/1.1 were switched off now",
                    "One row per entry point: SMTP connector per server and direction, IIS site and client protocol"
                            + " per server. unknown_version: connections (HTTPS: requests) whose TLS version was not"
                            + " logged (STARTTLS without a result row, as on Exchange 2010; IIS without the crypt-*"
                            + " fields). legacy_percent: share of the others on TLS 1.0/1.1 or SSL (plaintext counts as"
                            + " not legacy); empty where no version is known, which is not the same as ready; the more"
                            + " unknown_version, the less the share says. legacy_only_peers: peers that negotiated"
                            + " nothing newer there; on receive and HTTPS they can no longer connect (or fall back to"
                            + " plaintext where the connector allows it), on send they are destinations Exchange can no"
                            + " longer reach over TLS. A request without a user name (the 401 before the credentials)"
                            + " counts with the client of the same address and user agent there when that client has"
                            + " one named user. Entry points with legacy-only peers first.",
                    "No SMTP connection or HTTPS request in the window."),
            new Spec(
                    "legacy-changes",
                    "Legacy TLS peers compared with the previous period",
                    "Peers on TLS 1.0/1.1 or SSL in this period or the one of equal length before it (for a week: the"
                            + " week before). new: legacy now, not before; no earlier data: legacy now, and the period"
                            + " before holds no logs of that source (SMTP or HTTPS) to compare with, as when the window"
                            + " starts at the first stored data; still: legacy in both; no TLS now: legacy"
                            + " before, now seen only without a negotiated TLS version (plaintext, failed handshakes:"
                            + " check tls-failures); silent: legacy before, not seen now; upgraded: legacy before, TLS"
                            + " 1.2+ only now. first_seen_ever and last_seen_ever span all stored history, also beyond"
                            + " the 30 days Exchange keeps its logs.",
                    "No peer negotiated TLS 1.0, TLS 1.1 or SSL in this period or the one before."),
            new Spec(
                    "legacy-peers",
                    "Peers on TLS 1.0/1.1 or SSL",
                    "Every peer with at least one legacy connection. legacy_only = never negotiated TLS 1.2+: it"
                            + " breaks, or falls back to plaintext where the connector allows it, when legacy TLS is"
                            + " switched off. Fix these first.",
                    "No peer negotiated TLS 1.0, TLS 1.1 or SSL in the window."),
            new Spec(
                    "legacy-https-clients",
                    "HTTPS clients on legacy TLS (IIS)",
                    "Clients of OWA, ECP, EWS, ActiveSync, MAPI, Outlook Anywhere, Autodiscover and OAB that"
                            + " negotiated TLS 1.0/1.1 or SSL, by address, user, user agent and protocol. legacy_only"
                            + " = no TLS 1.2+ request: the client breaks when legacy TLS is switched off. Managed"
                            + " Availability probes are left out.",
                    "No HTTPS client negotiated TLS 1.0, TLS 1.1 or SSL in the window (or no IIS logs with the"
                            + " crypt-* fields were ingested)."),
            new Spec(
                    "weak-crypto",
                    "Weak ciphers, MACs and key exchanges by peer",
                    "Peers whose negotiated suite, whatever the protocol version, has a weak cipher (DES, 3DES, RC2,"
                            + " RC4, NULL), a weak MAC (MD5, or SHA1 on a CBC suite), no forward secrecy (static RSA key"
                            + " exchange) or a short key exchange (RSA/DH under 2048 bits; SMTP only, IIS logs no key"
                            + " sizes). One row per peer, weakness and suite.",
                    "No connection or request negotiated a weak cipher, MAC or key exchange in the window."),
            new Spec(
                    "legacy-certificates",
                    "Certificates on legacy TLS connections",
                    "The certificates logged on TLS 1.0/1.1 or SSL connections: ours (the certificate a connector"
                            + " presents, so the binding whose clients are still legacy), the peer's, or 'role not"
                            + " logged' where the log lacks the row saying whose it is. SMTP only: IIS logs no"
                            + " certificates.",
                    "No certificate was logged on a legacy TLS connection in the window."),
            new Spec(
                    "plaintext-peers",
                    "Peers that never use TLS",
                    "Peers that reached EHLO/HELO and never attempted STARTTLS. starttls_offered: receive = our"
                            + " EHLO reply offered STARTTLS and the client did not use it; send = the peer advertised"
                            + " it; empty = no EHLO reply logged.",
                    "Every peer attempted TLS at least once."),
            new Spec(
                    "tls-failures",
                    "TLS handshake failures",
                    "Handshakes that failed, by error. After legacy TLS is switched off, peers that cannot do"
                            + " TLS 1.2 show up here. messages_in_plaintext: mail those connections sent anyway, without"
                            + " TLS. certificates: ours, the peer's, or 'role not logged' where the log lacks the row"
                            + " saying whose certificate it is.",
                    "No TLS handshake failed in the window."),
            new Spec(
                    "trend",
                    "TLS versions over time",
                    "The share of each TLS version per day of the window and per ISO week over the eight weeks up to"
                            + " its end (the weeks before the window come from every stored row). plaintext: no TLS;"
                            + " not logged: TLS without a known version; failed: failed SMTP handshakes. Connections"
                            + " without an SMTP dialogue and probes are left out; days and weeks without data have no"
                            + " rows.",
                    "No connection or request in the window or the eight weeks up to its end."),
            new Spec(
                    "peers-across-sources",
                    "Addresses seen over both SMTP and HTTPS",
                    "Addresses that both exchange SMTP with Exchange and use its HTTPS services (OWA, EWS,"
                            + " ActiveSync, ...), with every entry point they used: one device or server seen whole."
                            + " Only addresses seen in both; the single-source views are legacy-peers, plaintext-peers"
                            + " and legacy-https-clients. legacy_only: legacy TLS and never TLS 1.2+ in either.",
                    "No address was seen over both SMTP and HTTPS in the window."),
            new Spec(
                    "shared-addresses",
                    "Addresses shared by many machines or users",
                    "Addresses with 3 or more EHLO names (SMTP receive), 5 or more users or 10 or more user agents"
                            + " (HTTPS): most likely a load balancer, NAT gateway or proxy. What other sections say about"
                            + " such an address is about every machine behind it; find them in its own logs (thresholds"
                            + " explained in queries/shared-addresses.sql).",
                    "No address was used by many EHLO names, users or user agents in the window."),
            new Spec(
                    "cipher-inventory",
                    "Negotiated protocols and ciphers",
                    "Every protocol and cipher combination negotiated, weakest first (weaknesses per Microsoft's"
                            + " Exchange TLS guidance).",
                    "No TLS connection in the window."),
            new Spec(
                    "tls-summary",
                    "SMTP connections by protocol",
                    "How connections were secured, per direction (receive: peers connecting to Exchange; send:"
                            + " Exchange connecting out). 'TLS, result not logged' is STARTTLS without a result"
                            + " row (Exchange 2010 and older builds never log one). 'no SMTP dialogue' ended before"
                            + " EHLO/HELO (refused or unanswered send connections, probes, port scans): not plaintext.",
                    "No connections in the window."),
            new Spec(
                    "https-protocol-share",
                    "HTTPS requests by protocol per server and site (IIS)",
                    "The share of each protocol in the requests of every IIS site. 'plain HTTP' is a request"
                            + " without TLS; 'not logged' comes from periods without the crypt-* fields.",
                    "No IIS requests in the window."),
            new Spec(
                    "coverage",
                    "Logs read, per server and log type",
                    "What the report rests on, so that nothing found cannot mean nothing read: per server, the SMTP"
                            + " service and direction or IIS site, the first and last row in the window, the files"
                            + " holding them, their malformed lines and connections left open. status: ok, silent in"
                            + " window (logs before the window, none in it: logging stopped or logs not copied), no TLS"
                            + " results logged (Exchange 2010), no TLS fields (IIS), files not read completely (read"
                            + " again on the next ingest). Files skipped as not being logs are not recorded here.",
                    "Nothing has been ingested."),
            new Spec(
                    "iis-tls-logging-missing",
                    "IIS sites without TLS logging",
                    "These sites logged requests without the negotiated TLS, so legacy clients cannot be told"
                            + " apart. Add the custom fields crypt-protocol (CRYPT_PROTOCOL), crypt-cipher"
                            + " (CRYPT_CIPHER_ALG_ID), crypt-hash (CRYPT_HASH_ALG_ID) and crypt-keyexchange"
                            + " (CRYPT_KEYEXCHANGE_ALG_ID), sourceType ServerVariable, to the site's or siteDefaults'"
                            + " logFile customFields (see queries/iis-tls-logging-missing.sql).",
                    "Every IIS request in the window was logged with its TLS fields."));

    /** The identifiers of the sections, the overview first. */
    public static List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(OVERVIEW.id());
        DETAILED.forEach(section -> ids.add(section.id()));
        return List.copyOf(ids);
    }
}

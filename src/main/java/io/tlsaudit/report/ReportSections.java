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
                    "tls-summary",
                    "SMTP connections by protocol",
                    "How connections were secured, per direction (receive: peers connecting to Exchange; send:"
                            + " Exchange connecting out). 'TLS, result not logged' is STARTTLS without a result"
                            + " row (Exchange 2010 and older builds never log one). 'no SMTP dialogue' ended before"
                            + " EHLO/HELO (refused or unanswered send connections, probes, port scans): not plaintext.",
                    "No connections in the window."),
            new Spec(
                    "legacy-peers",
                    "Peers on TLS 1.0/1.1 or SSL",
                    "Every peer with at least one legacy connection. legacy_only = never negotiated TLS 1.2+: it"
                            + " breaks, or falls back to plaintext where the connector allows it, when legacy TLS is"
                            + " switched off. Fix these first.",
                    "No peer negotiated TLS 1.0, TLS 1.1 or SSL in the window."),
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
                    "cipher-inventory",
                    "Negotiated protocols and ciphers",
                    "Every protocol and cipher combination negotiated, weakest first (weaknesses per Microsoft's"
                            + " Exchange TLS guidance).",
                    "No TLS connection in the window."),
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
                    "https-protocol-share",
                    "HTTPS requests by protocol per server and site (IIS)",
                    "The share of each protocol in the requests of every IIS site. 'plain HTTP' is a request"
                            + " without TLS; 'not logged' comes from periods without the crypt-* fields.",
                    "No IIS requests in the window."),
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

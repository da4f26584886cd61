package io.tlsaudit.report;

import io.tlsaudit.store.AuditDatabase;
import io.tlsaudit.store.ResultTable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the legacy-TLS report from the named queries, each restricted to the report's window. */
public final class LegacyTlsReport {

    private record SectionSpec(String id, String title, String explanation, String whenEmpty) {}

    private static final SectionSpec OVERVIEW = new SectionSpec(
            "overview",
            "Overview",
            "Connections in the window, and how many peers still depend on legacy TLS.",
            "No connections in the window.");

    private static final List<SectionSpec> SECTIONS = List.of(
            new SectionSpec(
                    "tls-summary",
                    "SMTP connections by protocol",
                    "How connections were secured, per direction (receive: peers connecting to Exchange; send:"
                            + " Exchange connecting out). 'TLS, result not logged' is STARTTLS without a result"
                            + " row (Exchange 2010 and older builds never log one). 'no SMTP dialogue' ended before"
                            + " EHLO/HELO (refused or unanswered send connections, probes, port scans): not plaintext.",
                    "No connections in the window."),
            new SectionSpec(
                    "legacy-peers",
                    "Peers on TLS 1.0/1.1 or SSL",
                    "Every peer with at least one legacy connection. legacy_only = never negotiated TLS 1.2+: it"
                            + " breaks, or falls back to plaintext where the connector allows it, when legacy TLS is"
                            + " switched off. Fix these first.",
                    "No peer negotiated TLS 1.0, TLS 1.1 or SSL in the window."),
            new SectionSpec(
                    "plaintext-peers",
                    "Peers that never use TLS",
                    "Peers that reached EHLO/HELO and never attempted STARTTLS. starttls_offered: receive = our"
                            + " EHLO reply offered STARTTLS and the client did not use it; send = the peer advertised"
                            + " it; empty = no EHLO reply logged.",
                    "Every peer attempted TLS at least once."),
            new SectionSpec(
                    "tls-failures",
                    "TLS handshake failures",
                    "Handshakes that failed, by error. After legacy TLS is switched off, peers that cannot do"
                            + " TLS 1.2 show up here. messages_in_plaintext: mail those connections sent anyway, without"
                            + " TLS. certificates: ours, the peer's, or 'role not logged' where the log lacks the row"
                            + " saying whose certificate it is.",
                    "No TLS handshake failed in the window."),
            new SectionSpec(
                    "cipher-inventory",
                    "Negotiated protocols and ciphers",
                    "Every protocol and cipher combination negotiated, weakest first (weaknesses per Microsoft's"
                            + " Exchange TLS guidance).",
                    "No TLS connection in the window."),
            new SectionSpec(
                    "legacy-https-clients",
                    "HTTPS clients on legacy TLS (IIS)",
                    "Clients of OWA, ECP, EWS, ActiveSync, MAPI, Outlook Anywhere, Autodiscover and OAB that"
                            + " negotiated TLS 1.0/1.1 or SSL, by address, user, user agent and protocol. legacy_only"
                            + " = no TLS 1.2+ request: the client breaks when legacy TLS is switched off. Managed"
                            + " Availability probes are left out.",
                    "No HTTPS client negotiated TLS 1.0, TLS 1.1 or SSL in the window (or no IIS logs with the"
                            + " crypt-* fields were ingested)."),
            new SectionSpec(
                    "https-protocol-share",
                    "HTTPS requests by protocol per server and site (IIS)",
                    "The share of each protocol in the requests of every IIS site. 'plain HTTP' is a request"
                            + " without TLS; 'not logged' comes from periods without the crypt-* fields.",
                    "No IIS requests in the window."),
            new SectionSpec(
                    "iis-tls-logging-missing",
                    "IIS sites without TLS logging",
                    "These sites logged requests without the negotiated TLS, so legacy clients cannot be told"
                            + " apart. Add the custom fields crypt-protocol (CRYPT_PROTOCOL), crypt-cipher"
                            + " (CRYPT_CIPHER_ALG_ID), crypt-hash (CRYPT_HASH_ALG_ID) and crypt-keyexchange"
                            + " (CRYPT_KEYEXCHANGE_ALG_ID), sourceType ServerVariable, to the site's or siteDefaults'"
                            + " logFile customFields (see queries/iis-tls-logging-missing.sql).",
                    "Every IIS request in the window was logged with its TLS fields."));

    private final AuditDatabase database;
    private final NamedQueries queries;
    private final Clock clock;

    public LegacyTlsReport(AuditDatabase database, NamedQueries queries, Clock clock) {
        this.database = database;
        this.queries = queries;
        this.clock = clock;
    }

    /** Runs every section's query over {@code window}. */
    public Report build(ReportWindow window) throws SQLException {
        WindowBounds bounds = bounds(database, window, clock);
        ReportSection overview = section(OVERVIEW, window, bounds);
        List<ReportSection> sections = new ArrayList<>();
        for (SectionSpec spec : SECTIONS) {
            sections.add(section(spec, window, bounds));
        }
        return new Report(
                "Legacy TLS report",
                database.file().toString(),
                LocalDateTime.now(clock),
                window,
                bounds,
                overview,
                sections);
    }

    /** {@code window} with its open ends closed on the first and last row stored, as {@code report_window} gives it. */
    public static WindowBounds bounds(AuditDatabase database, ReportWindow window, Clock clock) throws SQLException {
        ResultTable range = database.query(
                "SELECT min(row_time) AS first_row, max(row_time) AS last_row FROM (SELECT started_at AS row_time"
                        + " FROM smtp_sessions"
                        + " UNION ALL SELECT logged_at FROM iis_requests)",
                List.of());
        List<Object> row = range.rows().get(0);
        return window.bounds(
                Optional.ofNullable((LocalDateTime) row.get(0)),
                Optional.ofNullable((LocalDateTime) row.get(1)),
                LocalDate.now(clock));
    }

    /** The identifiers of the sections, the overview first, for {@code report --section}. */
    public static List<String> sectionIds() {
        List<String> ids = new ArrayList<>();
        ids.add(OVERVIEW.id());
        SECTIONS.forEach(section -> ids.add(section.id()));
        return ids;
    }

    private ReportSection section(SectionSpec spec, ReportWindow window, WindowBounds bounds) throws SQLException {
        String sql = ReportWindow.restrict(queries.require(spec.id()));
        ResultTable table;
        try {
            table = database.query(sql, window.parameters(bounds));
        } catch (SQLException e) {
            throw new SQLException(
                    "in query " + spec.id() + ".sql (" + queries.describe(spec.id()) + "): " + e.getMessage(), e);
        }
        return new ReportSection(spec.id(), spec.title(), spec.explanation(), spec.whenEmpty(), table);
    }
}

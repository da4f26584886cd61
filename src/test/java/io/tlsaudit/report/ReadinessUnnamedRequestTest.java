package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.store.ResultTable;
import io.tlsaudit.testing.IisLogFiles;
import io.tlsaudit.testing.IisLogFiles.Crypto;
import io.tlsaudit.testing.IisLogFiles.Request;
import io.tlsaudit.testing.WindowedReports;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request without a user name (the 401 challenge before the credentials) belongs to the one named client of the
 * same address and user agent at that entry point, so readiness does not count that client twice; with two named
 * users behind the address and agent, or none, or at another entry point, it stays a client of its own.
 */
class ReadinessUnnamedRequestTest {

    private static final String EWS_CLIENT = "ExchangeServicesClient/15.00.0913.015";
    private static final String EWS = "/EWS/Exchange.asmx";
    private static final LocalDateTime AT = LocalDateTime.of(2024, 3, 12, 8, 30);

    @TempDir
    Path folder;

    private static List<Request> times(int count, String uri, String user, String address, String agent) {
        return Collections.nCopies(count, new Request(AT, uri, user, address, agent, Crypto.TLS11));
    }

    @Test
    void foldsAnUnnamedRequestIntoTheOneNamedClientOfItsAddressAndAgentThere() throws Exception {
        List<Request> requests = new ArrayList<>();
        // 10.20.5.30: the CRM script, 3 named requests and its unnamed challenge: one client of 4 requests.
        requests.addAll(times(3, EWS, "CONTOSO\\svc-crm", "10.20.5.30", EWS_CLIENT));
        requests.addAll(times(1, EWS, null, "10.20.5.30", EWS_CLIENT));
        // The same address with a browser's agent: another client.
        requests.addAll(times(1, EWS, null, "10.20.5.30", "Mozilla/5.0"));
        // 10.20.5.31: two named users with the same agent, so the unnamed request is nobody's: three clients.
        requests.addAll(times(2, EWS, "CONTOSO\\svc-a", "10.20.5.31", EWS_CLIENT));
        requests.addAll(times(1, EWS, "CONTOSO\\svc-b", "10.20.5.31", EWS_CLIENT));
        requests.addAll(times(1, EWS, null, "10.20.5.31", EWS_CLIENT));
        // 10.20.5.32: only unnamed requests: a client of its own.
        requests.addAll(times(1, EWS, null, "10.20.5.32", EWS_CLIENT));
        // At OWA the CRM script's address and agent have no named request: the unnamed one stays unnamed there.
        requests.addAll(times(1, "/owa/", null, "10.20.5.30", EWS_CLIENT));
        IisLogFiles.write(folder.resolve("share/EX01/W3SVC1/u_ex240312_x.log"), true, requests);
        Path database = WindowedReports.ingest(folder.resolve("share"), folder.resolve("audit.duckdb"));

        ResultTable readiness = WindowedReports.section(database, ReportWindow.isoWeek(2024, 11), "readiness");

        int entryPointAt = readiness.columns().indexOf("entry_point");
        int connectionsAt = readiness.columns().indexOf("connections");
        int peersAt = readiness.columns().indexOf("legacy_only_peers");
        int examplesAt = readiness.columns().indexOf("examples");
        assertEquals(
                List.of(
                        // Six clients: svc-crm (4), svc-a (2), then the four of one request by example text.
                        List.of(
                                "W3SVC1 EWS",
                                10L,
                                6L,
                                "10.20.5.30 CONTOSO\\svc-crm (" + EWS_CLIENT + "); 10.20.5.31 CONTOSO\\svc-a ("
                                        + EWS_CLIENT + "); 10.20.5.30 (Mozilla/5.0)"),
                        List.of("W3SVC1 OWA", 1L, 1L, "10.20.5.30 (" + EWS_CLIENT + ")")),
                readiness.rows().stream()
                        .map(row -> List.of(
                                row.get(entryPointAt), row.get(connectionsAt), row.get(peersAt), row.get(examplesAt)))
                        .toList());
    }
}

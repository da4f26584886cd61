package io.tlsaudit.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogLocationTest {

    private static final Path SHARE = Path.of("/share");

    @ParameterizedTest
    @CsvSource({
        "EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031209-1.LOG, FrontEnd",
        "EX01/TransportRoles/Logs/Hub/ProtocolLog/SmtpSend/SEND20240312-1.LOG, Hub",
        "EDGE1/TransportRoles/Logs/Edge/ProtocolLog/SmtpReceive/RECV20240312-1.LOG, Edge",
        "EX01/TransportRoles/Logs/Mailbox/ProtocolLog/SmtpReceive/Delivery/RECV20240312-1.LOG, MailboxDelivery",
        "EX01/TransportRoles/Logs/Mailbox/ProtocolLog/SmtpSend/Submission/SEND20240312-1.LOG, MailboxSubmission",
        "EX01/TransportRoles/Logs/Mailbox/ProtocolLog/SmtpSend/Delivery/SEND20240312-1.LOG, MailboxSubmission",
        "EXHUB10/V14/TransportRoles/Logs/ProtocolLog/SmtpReceive/RECV20200609-1.LOG, Transport",
        "copies/RECV20240312-1.LOG, Transport"
    })
    void namesTheTransportServiceByFolder(String relative, String service) {
        assertEquals(service, LogLocation.smtpService(SHARE, SHARE.resolve(relative)));
    }

    @ParameterizedTest
    @CsvSource({
        "/share, /share/EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/a.LOG, EX01",
        "/share/EX02, /share/EX02/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/a.LOG, EX02",
        "/share/EX03, /share/EX03/W3SVC1/u_ex240312.log, EX03",
        "/share, /share/a.LOG, ''"
    })
    void takesTheServerFromTheFirstFolderOrTheRootItself(String root, String file, String server) {
        Optional<String> expected = server.isEmpty() ? Optional.empty() : Optional.of(server);
        assertEquals(expected, LogLocation.byFirstFolder().server(Path.of(root), Path.of(file)));
    }

    @ParameterizedTest
    @CsvSource({"'', /logs/x/EX09/a.LOG, EX05", "'/x/([^/]+)/', /logs/x/EX09/a.LOG, EX09"})
    void fixedNameOrPatternOverridesTheLocation(String pattern, String file, String expected) {
        LogLocation location = pattern.isEmpty()
                ? new LogLocation(Optional.of("EX05"), Optional.empty())
                : new LogLocation(Optional.empty(), Optional.of(Pattern.compile(pattern)));
        assertEquals(Optional.of(expected), location.server(Path.of("/logs"), Path.of(file)));
    }
}

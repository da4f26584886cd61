package io.tlsaudit.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.parse.UtcTimestamps;
import io.tlsaudit.parse.w3c.ClientProtocol;
import io.tlsaudit.parse.w3c.IisRequest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class IisRequestAggregatorTest {

    private final List<IisRequestGroup> groups = new ArrayList<>();
    private final IisRequestAggregator aggregator =
            new IisRequestAggregator("EX01", "W3SVC1", "/logs/u_ex.log", groups::add);

    private static IisRequest ping(String time, String tlsProtocol) {
        return ping(time, tlsProtocol, "203.0.113.171", false);
    }

    private static IisRequest ping(String time, String tlsProtocol, String clientIp, boolean forwardedInvalid) {
        return new IisRequest(
                1,
                UtcTimestamps.parseIso("2024-03-12T" + time + "Z"),
                clientIp,
                null,
                forwardedInvalid,
                "kim@contoso.com",
                "Android/4.4.4-EAS-2.0",
                ClientProtocol.ACTIVESYNC,
                "POST",
                "/Microsoft-Server-ActiveSync/default.eas",
                443,
                200,
                true,
                tlsProtocol,
                tlsProtocol.equals("TLS 1.0"),
                "AES_256",
                "SHA1",
                "ECDHE",
                false);
    }

    @Test
    void groupsIdenticalRequestsOfOneHourAndKeepsFirstAndLastTime() {
        aggregator.accept(ping("09:44:50", "TLS 1.0"));
        aggregator.accept(ping("09:52:52", "TLS 1.0"));
        aggregator.accept(ping("09:59:59", "TLS 1.0"));
        aggregator.accept(ping("10:00:54", "TLS 1.0"));
        aggregator.accept(ping("10:08:56", "TLS 1.2"));
        aggregator.finish();
        groups.sort(Comparator.comparing(IisRequestGroup::firstAt).thenComparing(g -> g.tlsProtocol()));
        assertEquals(3, groups.size());
        IisRequestGroup nine = groups.get(0);
        assertEquals(3, nine.requests());
        assertEquals(LocalDateTime.of(2024, 3, 12, 9, 44, 50), nine.firstAt());
        assertEquals(LocalDateTime.of(2024, 3, 12, 9, 59, 59), nine.lastAt());
        assertEquals("ActiveSync", nine.clientProtocol());
        assertEquals("EX01", nine.server());
        assertEquals("W3SVC1", nine.site());
        assertEquals(1, groups.get(1).requests());
        assertEquals("TLS 1.0", groups.get(1).tlsProtocol());
        assertEquals("TLS 1.2", groups.get(2).tlsProtocol(), "another protocol is another group");
        assertEquals(443, groups.get(2).serverPort());
    }

    @Test
    void groupsRequestsWithoutClientAddressTogether() {
        aggregator.accept(ping("09:44:50", "TLS 1.0", null, false));
        aggregator.accept(ping("09:52:52", "TLS 1.0", null, false));
        aggregator.accept(ping("09:53:00", "TLS 1.0", "203.0.113.171", false));
        aggregator.finish();
        groups.sort(Comparator.comparing(IisRequestGroup::requests));
        assertEquals(2, groups.size());
        assertEquals("203.0.113.171", groups.get(0).clientIp());
        assertNull(groups.get(1).clientIp());
        assertEquals(2, groups.get(1).requests());
    }

    @Test
    void keepsRequestsWithAnInvalidForwardedClientInTheirOwnGroup() {
        aggregator.accept(ping("09:44:50", "TLS 1.2", "10.0.0.5", false));
        aggregator.accept(ping("09:45:50", "TLS 1.2", "10.0.0.5", true));
        aggregator.accept(ping("09:46:50", "TLS 1.2", "10.0.0.5", true));
        aggregator.finish();
        groups.sort(Comparator.comparing(IisRequestGroup::requests));
        assertEquals(2, groups.size());
        assertFalse(groups.get(0).forwardedInvalid());
        assertEquals(1, groups.get(0).requests());
        assertTrue(groups.get(1).forwardedInvalid());
        assertEquals(2, groups.get(1).requests());
    }

    @Test
    void groupsRequestsWithoutPathTogether() {
        IisRequest ping = ping("09:44:50", "TLS 1.2");
        IisRequest noPath = new IisRequest(
                2,
                ping.epochMicros(),
                ping.clientIp(),
                null,
                false,
                ping.username(),
                ping.userAgent(),
                ClientProtocol.OTHER,
                "POST",
                null,
                443,
                200,
                true,
                "TLS 1.2",
                false,
                "AES_256",
                "SHA1",
                "ECDHE",
                false);
        aggregator.accept(noPath);
        aggregator.accept(noPath);
        aggregator.accept(ping);
        aggregator.finish();
        groups.sort(Comparator.comparing(IisRequestGroup::requests));
        assertEquals(2, groups.size());
        assertEquals("/Microsoft-Server-ActiveSync/default.eas", groups.get(0).uriStem());
        assertNull(groups.get(1).uriStem());
        assertEquals("other", groups.get(1).clientProtocol());
        assertEquals(2, groups.get(1).requests());
    }
}

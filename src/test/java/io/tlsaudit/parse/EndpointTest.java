package io.tlsaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Endpoint forms (docs/log-formats.md, 'Endpoints'): split on the last colon, strip brackets, keep masks raw. */
class EndpointTest {

    @ParameterizedTest(name = "{0} -> host {1}, port {2}, valid {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "10.0.0.11:25                | 10.0.0.11       | 25    | true",
                "203.0.113.45:61877          | 203.0.113.45    | 61877 | true",
                "[2001:db8::25]:25           | 2001:db8::25    | 25    | true",
                "[fe80::1%7]:25              | fe80::1%7       | 25    | true",
                "[::1]:587                   | ::1             | 587   | true",
                "[::ffff:192.0.2.1]:25       | ::ffff:192.0.2.1| 25    | true",
                // Masked by a publisher: host kept as written, not an address, port still read.
                "10.**.**.21:41872           | 10.**.**.21     | 41872 | false",
                "10.**.**.64:25              | 10.**.**.64     | 25    | false",
                "xxx.xxx.xxx.xxx:25          | xxx.xxx.xxx.xxx | 25    | false",
                // Port out of range or not a number: no port, the address is still judged.
                "10.0.0.11:65536             | 10.0.0.11       | none  | true",
                "10.0.0.11:99999             | 10.0.0.11       | none  | true",
                "10.0.0.11:123456            | 10.0.0.11       | none  | true",
                "10.0.0.11:2x                | 10.0.0.11       | none  | true",
                "10.0.0.11:                  | 10.0.0.11       | none  | true",
                "10.0.0.11:65535             | 10.0.0.11       | 65535 | true",
                "[2001:db8::25]:70000        | 2001:db8::25    | none  | true",
                // A bare IPv6 address has no port: its last colon must not be taken for one.
                "2001:db8::25                | 2001:db8::25    | none  | true",
                "10.0.0.11                   | 10.0.0.11       | none  | true",
                "256.0.0.1:25                | 256.0.0.1       | 25    | false",
            })
    void parsesEndpoint(String text, String host, Integer port, boolean valid) {
        assertEquals(new Endpoint(host, Optional.ofNullable(port), valid), Endpoint.parse(text));
    }

    @Test
    void parsesEmptyEndpointOfSanitizedLog() {
        Endpoint empty = new Endpoint("", Optional.empty(), false);
        assertEquals(empty, Endpoint.parse(""));
        assertEquals(empty, Endpoint.parse("   "));
        assertEquals(empty, Endpoint.parse(null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.0.0.11, true",
        "0.0.0.0, true",
        "255.255.255.255, true",
        "256.1.1.1, false",
        "1.2.3, false",
        "1.2.3.4.5, false",
        "1..2.3, false",
        "1.2.3.4., false",
        "10.**.**.21, false",
        "xxx.xxx.xxx.xxx, false",
        "2001:db8::25, true",
        "fe80::1%7, true",
        "::, true",
        "::1, true",
        "1:2:3:4:5:6:7:8, true",
        "1:2:3:4:5:6:7, false",
        "1:2:3:4:5:6:7:8:9, false",
        "1::2::3, false",
        "12345::1, false",
        "g::1, false",
        "::ffff:192.0.2.1, true",
        "::ffff:999.0.2.1, false",
        "mail.contoso.com, false",
        "'', false",
    })
    void recognisesAddressLiterals(String text, boolean literal) {
        assertEquals(literal, IpAddresses.isLiteral(text));
    }
}

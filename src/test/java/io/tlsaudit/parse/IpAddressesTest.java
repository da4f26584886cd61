package io.tlsaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "203.0.113.9, 203.0.113.9",
        "203.0.113.9:5555, 203.0.113.9",
        "203.0.113.9:0, 203.0.113.9",
        "203.0.113.9:65535, 203.0.113.9",
        "2001:db8::1, 2001:db8::1",
        "[2001:db8::1], 2001:db8::1",
        "[2001:db8::1]:5555, 2001:db8::1",
        "[::ffff:192.0.2.1]:443, ::ffff:192.0.2.1",
        "[fe80::1%7]:61877, fe80::1%7",
        "::1, ::1",
        // Without brackets a last :n is a group of the address, not a port.
        "2001:db8::1:5555, 2001:db8::1:5555",
    })
    void takesTheAddressOfALiteralWithOrWithoutAPort(String text, String address) {
        assertEquals(address, IpAddresses.withoutPort(text));
    }

    @ParameterizedTest(name = "\"{0}\" -> null")
    @ValueSource(
            strings = {
                "",
                "-",
                "unknown",
                "localhost",
                "mail.contoso.com",
                "mail.contoso.com:25",
                "203.0.113.256",
                "203.0.113",
                "203.0.113.9:",
                "203.0.113.9:65536",
                "203.0.113.9:+80",
                "203.0.113.9:8O",
                "203.0.113.9:123456",
                "203.0.113.9:80:80",
                "[203.0.113.9]:80",
                "[2001:db8::1",
                "[2001:db8::1]:",
                "[2001:db8::1]5555",
                "[2001:db8::1]:5555x",
                "[]",
                "[junk]:80",
                "2001:db8::g",
                "<script>",
                " 203.0.113.9",
                "\uff12\uff10\uff13.0.113.9", // full-width digits
                "2001:db8::\uff11",
                "[2001:db8::\uff41]:443",
            })
    void findsNoAddressInTextThatIsNotAnIpLiteral(String text) {
        assertNull(IpAddresses.withoutPort(text));
        assertFalse(IpAddresses.isLiteral(text));
    }
}

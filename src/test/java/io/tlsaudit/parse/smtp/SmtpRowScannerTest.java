package io.tlsaudit.parse.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Column boundaries of single records, as univocity split them with the reader's old settings (each case below was
 * checked against univocity 2.9.1); the one intended difference is marked, and univocity read the empty record, which
 * never reaches the scanner (the reader skips empty lines), as no record at all.
 */
class SmtpRowScannerTest {

    private final SmtpRowScanner scanner = new SmtpRowScanner();

    /** The record placed after some other bytes and followed by more, as in a line buffer. */
    private List<String> columns(String record) {
        byte[] bytes = ("prefix\n" + record + "\nrest,\"of\",the buffer").getBytes(StandardCharsets.UTF_8);
        int from = "prefix\n".length();
        int to = from + record.getBytes(StandardCharsets.UTF_8).length;
        scanner.scan(bytes, from, to);
        scanner.unescape(bytes);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < scanner.columnCount(); i++) {
            int start = scanner.starts()[i];
            values.add(new String(bytes, start, scanner.ends()[i] - start, StandardCharsets.UTF_8));
        }
        return values;
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("plain", "a,b,c", List.of("a", "b", "c")),
                Arguments.of("empty values", ",,", List.of("", "", "")),
                Arguments.of("trailing comma", "a,", List.of("a", "")),
                Arguments.of("one empty value", "", List.of("")),
                Arguments.of("quoted comma", "a,\"b,c\",d", List.of("a", "b,c", "d")),
                Arguments.of("doubled quotes", "a,\"b\"\"c\",d", List.of("a", "b\"c", "d")),
                Arguments.of(
                        "certificate issuer of example E9",
                        "*,\"CN=CA 2015, O=\"\"Northwind Traders, Inc.\"\", C=US\",Certificate issuer name",
                        List.of("*", "CN=CA 2015, O=\"Northwind Traders, Inc.\", C=US", "Certificate issuer name")),
                Arguments.of("only a doubled quote", "a,\"\"\"\",b", List.of("a", "\"", "b")),
                Arguments.of("doubled quote at the end", "a,\"b\"\"\",c", List.of("a", "b\"", "c")),
                Arguments.of("empty quoted value", "a,\"\"", List.of("a", "")),
                Arguments.of("quoted value alone", "\"a\"", List.of("a")),
                Arguments.of("quote inside unquoted value", "a,b\"c,d", List.of("a", "b\"c", "d")),
                Arguments.of("quotes inside unquoted value", "a,b\"c\"d,e", List.of("a", "b\"c\"d", "e")),
                Arguments.of("space before the opening quote", "a, \"b\",c", List.of("a", " \"b\"", "c")),
                Arguments.of("spaces after the closing quote", "a,\"b\"  ,c", List.of("a", "b", "c")),
                Arguments.of("control character after the closing quote", "a,\"b\"\t,c", List.of("a", "b", "c")),
                Arguments.of("space after the closing quote at the end", "a,\"b\"  ", List.of("a", "b")),
                Arguments.of("text after the closing quote", "a,\"b\"c,d", List.of("a", "\"b\"c", "d")),
                Arguments.of("space and text after the closing quote", "a,\"b\"  x", List.of("a", "\"b\"  x")),
                Arguments.of("quotes after the closing quote", "a,\"b\"c\"d\",e", List.of("a", "\"b\"c\"d\"", "e")),
                Arguments.of(
                        "text after the closing quote, then a quoted comma",
                        "a,\"b\"x,\"c,d\",e",
                        List.of("a", "\"b\"x", "c,d", "e")),
                // univocity gave "a"b"c here, unescaping the part before the closing quote only
                Arguments.of("doubled quote then text (differs)", "a,\"a\"\"b\"c,d", List.of("a", "\"a\"\"b\"c", "d")),
                Arguments.of("quote never closed", "a,\"b,c", List.of("a", "b,c")),
                Arguments.of("quote never closed after a doubled one", "a,\"b\"\"", List.of("a", "b\"")),
                Arguments.of("lone quote at the end", "a,\"", List.of("a", "\"")),
                Arguments.of("three quotes", "\"\"\"", List.of("\"")),
                Arguments.of("carriage return kept", "a\r,b", List.of("a\r", "b")),
                Arguments.of("line feed inside a joined quoted value", "a,\"x\ny\",z", List.of("a", "x\ny", "z")),
                Arguments.of("leading space kept", "*, CN=a CN=b,ctx", List.of("*", " CN=a CN=b", "ctx")),
                Arguments.of(
                        "non-ASCII", "Gebäude,\"Соединитель, отправки\"", List.of("Gebäude", "Соединитель, отправки")),
                Arguments.of(
                        "long values cross many eight-byte steps",
                        "2024-03-12T08:59:58.117Z,EX01\\Default Frontend EX01,08DC3B4192B4C1A7,7,10.0.0.11:25,"
                                + "203.0.113.45:61877,*,,\"TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded,"
                                + " ...\"",
                        List.of(
                                "2024-03-12T08:59:58.117Z",
                                "EX01\\Default Frontend EX01",
                                "08DC3B4192B4C1A7",
                                "7",
                                "10.0.0.11:25",
                                "203.0.113.45:61877",
                                "*",
                                "",
                                "TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded, ...")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("records")
    void splitsRecordIntoColumns(String description, String record, List<String> expected) {
        assertEquals(expected, columns(record));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a,b,c | 0",
                "a,\"b,c\",d | 2",
                "a,\"b\"\"c\",d | 4",
                "a,b\"c,d | 1",
                "a,\"b,c | 1",
                "a,\"b\"c\"d,e | 3",
            })
    void countsEveryQuoteByteSoTheReaderKnowsAValueRunsOn(String record, int quotes) {
        columns(record);
        assertEquals(quotes, scanner.quotes());
    }

    @Test
    void countsColumnsBeyondTheLimitSoTheRowIsUnreadable() {
        columns("a,".repeat(SmtpRowScanner.MAX_COLUMNS - 1) + "a");
        assertEquals(SmtpRowScanner.MAX_COLUMNS, scanner.columnCount(), "512 columns are still read");

        byte[] tooMany = ("\"q\"\"\"," + "a,".repeat(600)).getBytes(StandardCharsets.US_ASCII);
        scanner.scan(tooMany, 0, tooMany.length);
        assertEquals(602, scanner.columnCount(), "one, 600, and the empty value after the last comma");
        assertEquals(4, scanner.quotes(), "quotes still counted past the limit");
    }

    @Test
    void leavesDoubledQuotesAloneUntilTheRecordIsFinal() {
        // A record whose quote runs on is joined with the next line and scanned again: the first scan must not
        // change the bytes.
        byte[] bytes = "a,\"b\"\"c\",\"d".getBytes(StandardCharsets.US_ASCII);
        byte[] before = bytes.clone();
        scanner.scan(bytes, 0, bytes.length);
        assertEquals(new String(before, StandardCharsets.US_ASCII), new String(bytes, StandardCharsets.US_ASCII));
        assertEquals(5, scanner.quotes());
    }

    // ---- session ids ----

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "08DC3B4192B4C1A7, true",
        "0000000000000000, true",
        "FFFFFFFFFFFFFFFF, true",
        "8000000000000000, true",
        "08dc3b4192b4c1a7, false", // valid, but keyed by its text: ids differing in case stay apart
        "5c0f2e7a-91d4-4b3e-a6c8-2f7d1e9b0a34, false",
        "{5C0F2E7A-91D4-4B3E-A6C8-2F7D1E9B0A34}, false",
    })
    void keysSixteenUpperCaseHexDigitsByTheirNumberAndOtherIdsByText(String id, boolean numeric) {
        byte[] bytes = ascii(id);
        assertTrue(SmtpSessionIds.isValid(bytes, 0, bytes.length));
        assertEquals(numeric, SmtpSessionIds.isNumeric(bytes, 0, bytes.length));
        assertEquals(numeric, SmtpSessionIds.isNumeric(id));
        long key = SmtpSessionIds.numericKeyOrMinValue(bytes, 0, bytes.length);
        if (numeric) {
            long expected = Long.parseUnsignedLong(id, 16);
            assertEquals(expected, key);
            assertEquals(expected, SmtpSessionIds.numericKey(id));
        } else {
            assertEquals(Long.MIN_VALUE, key);
        }
    }

    @Test
    void tellsTheOneIdWhoseKeyIsTheMarkerFromANonNumericId() {
        byte[] marker = ascii("8000000000000000");
        byte[] guidStart = ascii("800000000000000g");
        assertEquals(Long.MIN_VALUE, SmtpSessionIds.numericKeyOrMinValue(marker, 0, 16));
        assertTrue(SmtpSessionIds.isNumeric(marker, 0, 16));
        assertEquals(Long.MIN_VALUE, SmtpSessionIds.numericKeyOrMinValue(guidStart, 0, 16));
        assertFalse(SmtpSessionIds.isNumeric(guidStart, 0, 16));
        assertFalse(SmtpSessionIds.isValid(guidStart, 0, 16));
    }

    // ---- the eight-byte loop against the rules written out a character at a time ----

    /** The values of {@code record} by the rules of the class comment, the plain way, and its quote count. */
    private static List<String> reference(String record, int[] quoteCount) {
        List<String> values = new ArrayList<>();
        int quotes = 0;
        int i = 0;
        int n = record.length();
        while (true) {
            if (i < n && record.charAt(i) == '"') {
                quotes++;
                StringBuilder content = new StringBuilder();
                int j = i + 1;
                String value = null;
                while (value == null) {
                    if (j == n) {
                        value = j == i + 1 ? "\"" : content.toString();
                        i = n;
                    } else if (record.charAt(j) != '"') {
                        content.append(record.charAt(j++));
                    } else if (j + 1 < n && record.charAt(j + 1) == '"') {
                        quotes += 2;
                        content.append('"');
                        j += 2;
                    } else {
                        quotes++;
                        int k = j + 1;
                        while (k < n && record.charAt(k) <= ' ') {
                            k++;
                        }
                        if (k == n || record.charAt(k) == ',') {
                            value = content.toString();
                        } else {
                            while (k < n && record.charAt(k) != ',') {
                                quotes += record.charAt(k) == '"' ? 1 : 0;
                                k++;
                            }
                            value = record.substring(i, k);
                        }
                        i = k;
                    }
                }
                values.add(value);
            } else {
                int k = i;
                while (k < n && record.charAt(k) != ',') {
                    quotes += record.charAt(k) == '"' ? 1 : 0;
                    k++;
                }
                values.add(record.substring(i, k));
                i = k;
            }
            if (i >= n) {
                break;
            }
            i++;
        }
        quoteCount[0] = quotes;
        return values;
    }

    @Test
    void agreesWithTheRulesOnRandomRecordsAtEveryOffset() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261201);
        String alphabet = "ab,,,\"\"  \tx7é";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder record = new StringBuilder();
            int length = random.nextInt(48);
            for (int i = 0; i < length; i++) {
                record.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = record.toString();
            int[] quotes = new int[1];
            List<String> expected = reference(text, quotes);
            assertEquals(expected, columns(text), text);
            assertEquals(quotes[0], scanner.quotes(), text);
        }
    }

    @Test
    void readsTheKeyOfEveryDigitAtEveryPlaceAndRefusesEveryOtherByte() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        String digits = "0123456789ABCDEF";
        for (int round = 0; round < 2000; round++) {
            char[] id = new char[16];
            for (int i = 0; i < 16; i++) {
                id[i] = digits.charAt(random.nextInt(16));
            }
            String text = new String(id);
            byte[] bytes = ascii("x" + text + "y");
            long key = Long.parseUnsignedLong(text, 16);
            assertEquals(
                    key == Long.MIN_VALUE ? Long.MIN_VALUE : key,
                    SmtpSessionIds.numericKeyOrMinValue(bytes, 1, 17),
                    text);
            int place = random.nextInt(16);
            for (int other = 0; other < 256; other++) {
                if (digits.indexOf(other) >= 0) {
                    continue;
                }
                byte[] wrong = bytes.clone();
                wrong[1 + place] = (byte) other;
                assertEquals(Long.MIN_VALUE, SmtpSessionIds.numericKeyOrMinValue(wrong, 1, 17), text + " " + other);
            }
        }
    }
}

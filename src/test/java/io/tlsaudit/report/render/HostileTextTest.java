package io.tlsaudit.report.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.store.ResultTable;
import io.tlsaudit.text.InertText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class of hostile text, in cells and in column names, stays inert in every output format. */
public class HostileTextTest {

    /** One payload per class of trouble text from logs can carry. */
    public static final List<String> PAYLOADS = List.of(
            "mx\u001b[31mred\u001b[0m.example", // CSI: colours the terminal
            "host\u001b]0;owned\u0007.example", // OSC: sets the terminal title, ends with BEL
            "fake\r\nwarning: forged line", // CR/LF: forges a line
            "back\b\b\bspace", // backspace
            "c1\u009b31mcontrol", // C1 CSI
            "evil\u202Egpj.exe", // right-to-left override
            "isolate\u2066x\u2069", // bidi isolates
            "zero\u200Bwidth\u200D\uFEFF", // zero-width characters
            "line\u2028separator",
            "pay\u2061pal", // invisible operator
            "soft\u00ADhyphen",
            "tag\uDB40\uDC01\uDB40\uDC63chars", // tag characters U+E0001, U+E0063
            "filler\u3164name\u115F",
            "selector\uFE0Fx\u180E",
            "lone\uD800surrogate",
            "=HYPERLINK(\"http://x\",\"click\")", // spreadsheet formulas
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "<script>alert(1)</script>", // markup
            "\"><img src=x onerror=alert(1)>");

    static Stream<Arguments> formatsAndPayloads() {
        List<Arguments> cases = new ArrayList<>();
        for (OutputFormat format : OutputFormat.values()) {
            for (String payload : PAYLOADS) {
                cases.add(Arguments.of(format, payload));
            }
        }
        return cases.stream();
    }

    private static String render(OutputFormat format, ResultTable table) {
        StringWriter text = new StringWriter();
        format.renderer().renderTable(table, new PrintWriter(text, true));
        return text.toString();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("formatsAndPayloads")
    void payloadInACellOrAColumnNameIsInert(OutputFormat format, String payload) {
        ResultTable asCell = new ResultTable(List.of("peer_name", "n"), List.of(List.of(payload, 1L)));
        ResultTable asHeader = new ResultTable(List.of(payload, "n"), List.of(List.of("x", 1L)));
        for (ResultTable table : List.of(asCell, asHeader)) {
            String output = render(format, table);
            String withoutLineEnds = output.replace("\r\n", "\n").replace("\n", "");
            if (format != OutputFormat.JSON) {
                withoutLineEnds
                        .codePoints()
                        .forEach(c -> assertFalse(
                                InertText.isUnsafe(c),
                                () -> format + " printed U+" + Integer.toHexString(c) + ": " + output));
            } else {
                // JSON escapes every UTF-16 unit it does not print plainly, surrogates included.
                for (char c : withoutLineEnds.toCharArray()) {
                    assertFalse(
                            InertText.isUnsafe(c), () -> "JSON printed U+" + Integer.toHexString(c) + ": " + output);
                }
            }
            assertFalse(output.contains("\nwarning:"), output);
            if (format == OutputFormat.MARKDOWN || format == OutputFormat.JSON) {
                // Markdown becomes HTML and JSON lands in web pages; a terminal table and CSV show markup as text.
                assertFalse(output.contains("<script>") || output.contains("<img"), output);
            }
            if (format == OutputFormat.CSV) {
                for (String line : output.split("\r\n")) {
                    for (String field : line.split(",")) {
                        String value = field.startsWith("\"") ? field.substring(1) : field;
                        assertFalse(
                                value.startsWith("=")
                                        || value.startsWith("+")
                                        || value.startsWith("@")
                                        || (value.startsWith("-") && !value.matches("-\\d+")),
                                "a spreadsheet would run " + value);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void jsonKeepsTheOriginalTextAsEscapes(String payload) {
        String output = render(OutputFormat.JSON, new ResultTable(List.of("peer_name"), List.of(List.of(payload))));
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (isUnpairedSurrogate(payload, i)) {
                // no text holds an unpaired surrogate, and strict parsers reject one even escaped
                assertTrue(output.contains("\\ufffd"), output);
            } else if (InertText.isUnsafe(c)) {
                assertTrue(
                        output.contains(String.format("\\u%04x", (int) c))
                                || output.contains("\\r")
                                || output.contains("\\n"),
                        output);
            }
        }
    }

    private static boolean isUnpairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    static Stream<String> payloads() {
        return PAYLOADS.stream();
    }
}

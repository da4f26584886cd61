package io.tlsaudit.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsaudit.store.ResultTable;
import io.tlsaudit.text.InertText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Markdown tables keep their shape and stay text whatever the cells hold. */
class MarkdownRendererTest {

    private static String render(ResultTable table) {
        StringWriter text = new StringWriter();
        new MarkdownRenderer().renderTable(table, new PrintWriter(text, true));
        return text.toString();
    }

    /** The cell separators of a table line: pipes not escaped by an odd run of backslashes. */
    private static int separators(String line) {
        int count = 0;
        int backslashes = 0;
        for (char c : line.toCharArray()) {
            if (c == '|' && backslashes % 2 == 0) {
                count++;
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
        }
        return count;
    }

    private static List<String> hostileStrings() {
        List<String> strings = new ArrayList<>(HostileTextTest.PAYLOADS);
        strings.add("a|b||c");
        strings.add("ends with a backslash\\");
        strings.add("escaped \\| pipe");
        strings.add("|" + "x".repeat(10_000) + "|");
        return strings;
    }

    @Test
    void hostileStringsKeepTheColumnCountAndStayText() {
        for (String hostile : hostileStrings()) {
            ResultTable asCell = new ResultTable(
                    List.of("peer_name", "connections", "servers"),
                    List.of(List.of(hostile, 1L, List.of(hostile, "EX01"))));
            ResultTable asName =
                    new ResultTable(List.of(hostile, "connections", "servers"), List.of(List.of("x", 1L, "EX01")));
            for (ResultTable table : List.of(asCell, asName)) {
                String output = render(table);
                List<String> lines = output.lines().toList();
                assertEquals(3, lines.size(), output);
                for (String line : lines) {
                    assertEquals(4, separators(line), () -> "not 3 cells: " + line);
                }
                assertFalse(output.contains("<"), output);
                assertFalse(output.contains(">"), output);
                output.replace("\n", "").codePoints().forEach(c -> assertFalse(InertText.isUnsafe(c), output));
            }
        }
    }

    @Test
    void aLongCellIsPrintedWhole() {
        String agent = "Outlook/16.0 ".repeat(800).strip();
        String output = render(new ResultTable(List.of("user_agent"), List.of(List.of(agent))));
        assertTrue(output.contains("| " + agent + " |"), "Markdown has no width: the cell stays whole");
    }
}

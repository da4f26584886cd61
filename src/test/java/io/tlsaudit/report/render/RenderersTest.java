package io.tlsaudit.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tlsaudit.store.ResultTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile peer-supplied text must stay inert in every format. */
class RenderersTest {

    private static final ResultTable HOSTILE = new ResultTable(
            List.of("peer_name", "connections", "legacy_only", "last_seen", "domains"),
            List.of(
                    Arrays.asList(
                            "=HYPERLINK(\"http://x\")",
                            3L,
                            true,
                            LocalDateTime.of(2024, 3, 12, 8, 59, 47),
                            List.of("a.example", "b.example")),
                    Arrays.asList("<script>alert(1)</script>|x\u001b[31m", -1L, false, null, List.of())));

    private static String render(OutputFormat format) {
        StringWriter text = new StringWriter();
        format.renderer().renderTable(HOSTILE, new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void csvNeutralisesFormulasAndControlCharactersButNotNumbers() {
        assertEquals(
                "peer_name,connections,legacy_only,last_seen,domains\r\n"
                        + "\"'=HYPERLINK(\"\"http://x\"\")\",3,true,2024-03-12 08:59:47,a.example;b.example\r\n"
                        + "<script>alert(1)</script>|x<U+001B>[31m,-1,false,,\r\n",
                render(OutputFormat.CSV));
    }

    @Test
    void jsonEscapesControlAndHtmlCharacters() {
        assertEquals(
                "{\"schema_version\": 1, \"columns\": [\"peer_name\", \"connections\", \"legacy_only\", \"last_seen\", \"domains\"], \"rows\": [\n"
                        + "  {\"peer_name\": \"=HYPERLINK(\\\"http://x\\\")\", \"connections\": 3, \"legacy_only\": true,"
                        + " \"last_seen\": \"2024-03-12T08:59:47Z\", \"domains\": [\"a.example\", \"b.example\"]},\n"
                        + "  {\"peer_name\": \"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e|x\\u001b[31m\","
                        + " \"connections\": -1, \"legacy_only\": false, \"last_seen\": null, \"domains\": []}\n"
                        + "]}\n",
                render(OutputFormat.JSON));
    }

    @Test
    void markdownEscapesPipesAndHtml() {
        assertEquals(
                "| peer\\_name | connections | legacy\\_only | last\\_seen | domains |\n"
                        + "|---|---:|---|---|---|\n"
                        + "| =HYPERLINK(\"http\\://x\") | 3 | yes | 2024-03-12 08:59:47 | a.example, b.example |\n"
                        + "| &lt;script&gt;alert(1)&lt;/script&gt;\\|x&lt;U+001B&gt;\\[31m | -1 | no |  |  |\n",
                render(OutputFormat.MARKDOWN));
    }

    @Test
    void tableEscapesControlCharactersAndAlignsNumbersRight() {
        assertEquals(
                "peer_name                                connections  legacy_only  last_seen            domains\n"
                        + "---------------------------------------  -----------  -----------  -------------------  --------------------\n"
                        + "=HYPERLINK(\"http://x\")                             3  yes          2024-03-12 08:59:47  a.example, b.example\n"
                        + "<script>alert(1)</script>|x<U+001B>[31m           -1  no\n"
                        + "(2 rows)\n",
                render(OutputFormat.TABLE));
    }
}

package io.tlsaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportWindowTest {

    private static final String SHADOW = "WITH smtp_sessions AS (SELECT * FROM main.smtp_sessions WHERE started_at >= ?"
            + " AND started_at < ?), iis_requests AS (SELECT * FROM main.iis_requests WHERE logged_at >= ? AND"
            + " logged_at < ?)";

    @Test
    void prependsTheWindowToAPlainSelectAndDropsCommentsAndSemicolon() {
        assertEquals(
                SHADOW + "\nSELECT count(*) FROM smtp_sessions",
                ReportWindow.restrict("-- what it answers\n-- more\nSELECT count(*) FROM smtp_sessions;\n"));
    }

    @Test
    void joinsTheWindowWithAQueryThatHasItsOwnCommonTableExpressions() {
        assertEquals(
                SHADOW + ",\npeers AS (SELECT 1) SELECT * FROM peers",
                ReportWindow.restrict("-- c\nWITH peers AS (SELECT 1) SELECT * FROM peers;"));
    }

    @Test
    void handlesBlockCommentsLineBreakAfterWithAndRecursive() {
        assertEquals(
                SHADOW + ",\npeers AS (SELECT 1) SELECT * FROM peers",
                ReportWindow.restrict("/* edited copy */\n-- c\nWITH\n  peers AS (SELECT 1) SELECT * FROM peers"));
        assertEquals(
                SHADOW.replace("WITH ", "WITH RECURSIVE ") + ",\nt(n) AS (SELECT 1) SELECT * FROM t",
                ReportWindow.restrict("with recursive t(n) AS (SELECT 1) SELECT * FROM t"));
    }

    @Test
    void openEndsCoverEverything() {
        List<Object> parameters = ReportWindow.ALL.parameters();
        assertEquals(4, parameters.size());
        assertEquals(LocalDateTime.of(1, 1, 1, 0, 0), parameters.get(0));
        assertEquals(LocalDateTime.of(9999, 12, 31, 23, 59, 59), parameters.get(1));
        LocalDateTime since = LocalDateTime.of(2024, 3, 11, 0, 0);
        assertEquals(
                List.of(
                        since,
                        LocalDateTime.of(9999, 12, 31, 23, 59, 59),
                        since,
                        LocalDateTime.of(9999, 12, 31, 23, 59, 59)),
                new ReportWindow(Optional.of(since), Optional.empty()).parameters());
    }
}

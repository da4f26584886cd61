package io.tlsaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlStatementsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            SELECT 1                                              | 1
            SELECT 1;                                             | 1
            '  SELECT 1 ;  -- trailing comment'                   | 1
            SELECT 1; DELETE FROM smtp_sessions                   | 2
            SELECT 1;;SELECT 2                                    | 2
            SELECT ';' AS semicolon                               | 1
            SELECT 'it''s; fine'                                  | 1
            SELECT "odd;name" FROM t                              | 1
            SELECT 1 -- ; DROP TABLE t                            | 1
            SELECT /* ; */ 1                                      | 1
            SELECT $$a;b$$                                        | 1
            SELECT $tag$a;b$tag$                                  | 1
            SELECT E'\\''; DROP TABLE t; --'                      | 2
            SELECT 'a\\'; DROP TABLE t                            | 2
            'SELECT count(*) AS «$x$ FROM t; SELECT 1 AS b$x$'    | 2
            'SELECT 1 AS é$x$; DELETE FROM t; SELECT 2 AS é$x$'   | 3
            'SELECT 1 AS a $x$; DROP TABLE t; SELECT $x$'    | 3
            'SELECT $é$a;b$é$'                                    | 1
            'SELECT 42 AS a --x\r; SELECT 43 AS b'               | 2
            'SELECT 1 /* /* */ '' */ ; SELECT 2 ; --'''           | 2
            'SELECT 1 /* outer /* inner */ still; outer */'       | 1
            ''                                                    | 0
            '-- only a comment'                                   | 0
            """)
    void countsStatementsAsDuckDbSplitsThem(String sql, int statements) {
        assertEquals(statements, SqlStatements.count(sql), sql);
    }

    @Test
    void duckDbReadsDollarQuotesAsOneStringAsTheCountAssumes() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT $$a;b$$, $tag$c;d$tag$, E'\\';'")) {
            result.next();
            assertEquals("a;b", result.getString(1));
            assertEquals("c;d", result.getString(2));
            assertEquals("';", result.getString(3));
        }
    }
}

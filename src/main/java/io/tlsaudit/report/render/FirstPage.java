package io.tlsaudit.report.render;

import io.tlsaudit.store.ResultRows;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The rows a renderer reads ahead before it prints: at most {@link Renderer#FIRST_PAGE}. */
final class FirstPage {

    private FirstPage() {}

    static List<List<Object>> read(ResultRows rows) throws SQLException {
        List<List<Object>> page = new ArrayList<>();
        List<Object> row;
        while (page.size() < Renderer.FIRST_PAGE && (row = rows.next()) != null) {
            page.add(row);
        }
        return page;
    }
}

package io.tlsaudit.ingest;

import java.util.List;

/** Rows of a Receive protocol log on EX01, 2024-03-12, for tests that build streams session by session. */
final class ReceiveRows {

    private ReceiveRows() {}

    /** A row of session {@code id} (a hex number) at {@code hh:mm:ss} from 203.0.113.{id % 200}. */
    static String row(int id, String time, int sequence, String rest) {
        return String.format(
                "2024-03-12T%s.000Z,EX01\\Default Frontend EX01,08DC3B4192B4%04X,%d,10.0.0.11:25,203.0.113.%d:%d,%s",
                time, id, sequence, id % 200, 40000 + id, rest);
    }

    /** A whole plaintext session of {@code id} starting at {@code hh:mm}. */
    static List<String> plainSession(int id, String hourMinute) {
        return List.of(
                row(id, hourMinute + ":01", 0, "+,,"),
                row(id, hourMinute + ":02", 1, "<,EHLO host" + id + ".fabrikam.com,"),
                row(id, hourMinute + ":03", 2, "<,MAIL FROM:<a@fabrikam.com>,"),
                row(id, hourMinute + ":04", 3, "-,,Local"));
    }
}

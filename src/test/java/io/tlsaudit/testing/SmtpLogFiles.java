package io.tlsaudit.testing;

import io.tlsaudit.parse.LineProblem;
import io.tlsaudit.parse.smtp.SmtpLogReader;
import io.tlsaudit.parse.smtp.SmtpRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes SMTP protocol log files for tests, byte for byte as Exchange would (BOM, CRLF), and reads them back. */
public final class SmtpLogFiles {

    public static final String FIELDS =
            "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context";

    private SmtpLogFiles() {}

    /** The header block of a new file of the given log type ({@code Receive} or {@code Send}). */
    public static List<String> header(String direction, String date) {
        return List.of(
                "#Software: Microsoft Exchange Server",
                "#Version: 15.0.0.0",
                "#Log-type: SMTP " + direction + " Protocol Log",
                "#Date: " + date,
                FIELDS);
    }

    /** Writes a file with a UTF-8 BOM and CRLF after every line, creating its folders. */
    public static Path write(Path file, List<String> lines) {
        StringBuilder text = new StringBuilder("\uFEFF");
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes a receive log of {@code rows} under a header. */
    public static Path writeLog(Path file, String direction, List<String> rows) {
        List<String> lines = new ArrayList<>(header(direction, "2024-03-12T09:00:02.871Z"));
        lines.addAll(rows);
        return write(file, lines);
    }

    /** Reads every usable row of a file, each a copy that stays valid; problems go to {@code problems}. */
    public static List<SmtpRecord> read(Path file, List<LineProblem> problems) {
        List<SmtpRecord> records = new ArrayList<>();
        try (SmtpLogReader reader = SmtpLogReader.open(file, file.getFileName().toString(), problems::add)) {
            SmtpRecord record;
            while ((record = reader.next()) != null) {
                records.add(record.copy()); // the reader reuses its row
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}

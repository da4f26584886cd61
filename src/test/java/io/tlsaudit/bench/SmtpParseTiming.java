package io.tlsaudit.bench;

import io.tlsaudit.assemble.LogStream;
import io.tlsaudit.assemble.SmtpSessionAssembler;
import io.tlsaudit.assemble.StreamSessions;
import io.tlsaudit.parse.smtp.SmtpDirection;
import io.tlsaudit.parse.smtp.SmtpLogReader;
import io.tlsaudit.parse.smtp.SmtpRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Times the SMTP parse and assemble path alone, on one thread, without DuckDB: every {@code RECV*}/{@code SEND*} file
 * below a folder through {@link SmtpLogReader} into {@link StreamSessions}, one stream per folder, with a sink that
 * only counts connections; files the reader refuses (UTF-16) are counted as skipped, as ingest skips them. Prints
 * per pass the time, the CPU time and the bytes allocated by the thread, MB/s and the counts (which must not change
 * with the code), then the median. {@code --parse-only} reads the rows without assembling them. The corpus is any
 * folder of SMTP logs, e.g. one {@code CorpusGenerator} wrote.
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp target/classes:target/test-classes io.tlsaudit.bench.SmtpParseTiming [--parse-only] FOLDER [PASSES]
 * </pre>
 */
public final class SmtpParseTiming {

    private SmtpParseTiming() {}

    public static void main(String[] args) throws IOException {
        ParseTiming.run("SmtpParseTiming", args, SmtpParseTiming::smtpFiles, SmtpParseTiming::onePass);
    }

    private static String onePass(List<Path> files, boolean parseOnly) throws IOException {
        long[] connections = {0};
        long[] problems = {0};
        long rows = 0;
        long skipped = 0;
        SmtpSessionAssembler assembler =
                new SmtpSessionAssembler(connection -> connections[0]++, problem -> problems[0]++);
        for (Path file : files) {
            try (SmtpLogReader reader = SmtpLogReader.open(file, file.toString(), problem -> problems[0]++)) {
                StreamSessions sessions = null;
                SmtpRecord row;
                while ((row = reader.next()) != null) {
                    if (parseOnly) {
                        continue;
                    }
                    if (sessions == null) {
                        SmtpDirection direction = reader.direction().orElse(SmtpDirection.RECEIVE);
                        String folder = file.getParent().toString();
                        sessions = assembler.stream(new LogStream("server", folder, direction));
                    }
                    sessions.accept(row, file.toString());
                }
                rows += reader.rowsRead();
                if (sessions != null) {
                    sessions.closeIdle();
                }
            } catch (IOException unreadable) {
                skipped++; // as ingest does: a UTF-16 file, a file that vanished
            }
        }
        long open = assembler.openCount();
        return String.format(
                Locale.ROOT,
                "%d rows, %d connections closed, %d open, %d problems, %d files skipped",
                rows,
                connections[0],
                open,
                problems[0],
                skipped);
    }

    private static List<Path> smtpFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString().toUpperCase(Locale.ROOT);
                        return name.startsWith("RECV") || name.startsWith("SEND");
                    })
                    .sorted()
                    .toList());
            return files;
        }
    }
}

package io.tlsaudit.bench;

import io.tlsaudit.assemble.IisRequestAggregator;
import io.tlsaudit.discover.FileHeader;
import io.tlsaudit.parse.w3c.IisFieldNames;
import io.tlsaudit.parse.w3c.IisRequest;
import io.tlsaudit.parse.w3c.W3cLogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Times the IIS parse and grouping path alone, on one thread, without DuckDB: every IIS W3C log below a folder (a
 * file whose header says {@code #Software: Microsoft Internet Information Services}, as ingest recognises it)
 * through {@link W3cLogReader} into an {@link IisRequestAggregator} per file, with a sink that only counts groups;
 * files the reader refuses (UTF-16) are counted as skipped, as ingest skips them. Prints per pass the time, the CPU
 * time and the bytes allocated by the thread, MB/s and the counts (which must not change with the code), then the
 * median. {@code --parse-only} reads the requests without grouping them. The corpus is any folder of IIS logs, e.g.
 * one {@code CorpusGenerator} wrote.
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp target/classes:target/test-classes io.tlsaudit.bench.IisParseTiming [--parse-only] FOLDER [PASSES]
 * </pre>
 */
public final class IisParseTiming {

    private IisParseTiming() {}

    public static void main(String[] args) throws IOException {
        ParseTiming.run("IisParseTiming", args, IisParseTiming::iisFiles, IisParseTiming::onePass);
    }

    private static String onePass(List<Path> files, boolean parseOnly) throws IOException {
        long[] groups = {0};
        long[] problems = {0};
        long rows = 0;
        long rejected = 0;
        long skipped = 0;
        IisFieldNames names = IisFieldNames.standard();
        for (Path file : files) {
            String name = file.toString();
            IisRequestAggregator aggregator =
                    new IisRequestAggregator("server", file.getParent().toString(), name, group -> groups[0]++);
            try (W3cLogReader reader = W3cLogReader.open(file, name, problem -> problems[0]++, names)) {
                IisRequest request;
                while ((request = reader.next()) != null) {
                    if (!parseOnly) {
                        aggregator.accept(request);
                    }
                }
                aggregator.finish();
                rows += reader.rowsRead();
                rejected += reader.linesRejected();
            } catch (IOException unreadable) {
                skipped++; // as ingest does: a UTF-16 file, a file that vanished
            }
        }
        return String.format(
                Locale.ROOT,
                "%d requests, %d groups, %d lines rejected, %d problems, %d files skipped",
                rows,
                groups[0],
                rejected,
                problems[0],
                skipped);
    }

    /** The IIS logs below {@code root}, in path order; a file whose header cannot be read is left out. */
    private static List<Path> iisFiles(Path root) throws IOException {
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(root)) {
            candidates = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> files = new ArrayList<>();
        for (Path file : candidates) {
            try {
                if (FileHeader.read(file).isIis()) {
                    files.add(file);
                }
            } catch (IOException unreadable) {
                // not a log ingest would read either
            }
        }
        return files;
    }
}

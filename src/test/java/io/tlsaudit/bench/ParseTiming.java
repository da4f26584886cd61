package io.tlsaudit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the parse-timing harnesses share: {@code [--parse-only] FOLDER [PASSES]}, the files and their size, and per
 * pass the wall time, the thread's CPU time and allocation, MB/s and the pass's counts, then the median.
 */
final class ParseTiming {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The logs below a folder that a harness reads. */
    interface LogsBelow {
        List<Path> below(Path root) throws IOException;
    }

    /** One pass over the files on this thread; returns its counts, which must not change with the code. */
    interface Pass {
        String read(List<Path> files, boolean parseOnly) throws IOException;
    }

    private ParseTiming() {}

    static void run(String harness, String[] args, LogsBelow logs, Pass pass) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean parseOnly = arguments.remove("--parse-only");
        if (arguments.isEmpty()) {
            System.err.println("usage: " + harness + " [--parse-only] FOLDER [PASSES]");
            System.exit(2);
        }
        int passes = arguments.size() > 1 ? Integer.parseInt(arguments.get(1)) : 3;
        List<Path> files = logs.below(Path.of(arguments.get(0)));
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        System.out.printf(Locale.ROOT, "%d files, %.1f MB%n", files.size(), bytes / 1e6);
        double[] seconds = new double[passes];
        for (int p = 0; p < passes; p++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long allocatedStart = THREADS.getCurrentThreadAllocatedBytes();
            String counts = pass.read(files, parseOnly);
            seconds[p] = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "pass %d: %.2f s (thread CPU %.2f s, %.0f MB allocated), %.0f MB/s, %s%n",
                    p + 1,
                    seconds[p],
                    (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9,
                    (THREADS.getCurrentThreadAllocatedBytes() - allocatedStart) / 1e6,
                    bytes / 1e6 / seconds[p],
                    counts);
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[passes / 2];
        System.out.printf(Locale.ROOT, "median %.2f s, %.0f MB/s%n", median, bytes / 1e6 / median);
    }
}

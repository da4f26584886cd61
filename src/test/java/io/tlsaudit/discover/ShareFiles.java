package io.tlsaudit.discover;

import io.tlsaudit.testing.SmtpLogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds shares for the walk's tests: distinct SMTP logs (no two are copies of each other), links, other files. */
final class ShareFiles {

    static final String RECEIVE = "TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive";
    static final String SEND = "TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpSend";

    private ShareFiles() {}

    /**
     * Writes a Receive log with one connection whose {@code #Date} and rows depend on {@code hour}, so logs written
     * with different hours are never taken for copies.
     */
    static Path receiveLog(Path file, int hour) {
        return log(file, "Receive", hour);
    }

    static Path sendLog(Path file, int hour) {
        return log(file, "Send", hour);
    }

    private static Path log(Path file, String direction, int hour) {
        String time = String.format("2024-03-12T%02d:00:0", hour);
        List<String> lines = new ArrayList<>(SmtpLogFiles.header(direction, time + "0.000Z"));
        String row = time + "%d.000Z,EX01\\Default Frontend EX01,08DC3B4192B4C1%02d,%d,10.0.0.11:25,10.40.8.23:49162,";
        lines.add(String.format(row, 1, hour, 0) + "+,,");
        lines.add(String.format(row, 2, hour, 1) + "-,,Local");
        return SmtpLogFiles.write(file, lines);
    }

    /** A symbolic link at {@code link} to {@code target}, its folders created. */
    static Path link(Path link, Path target) {
        try {
            Files.createDirectories(link.getParent());
            return Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file that is not a log. */
    static Path note(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, "copied from EX01 on Monday\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

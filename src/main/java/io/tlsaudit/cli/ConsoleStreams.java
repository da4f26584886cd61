package io.tlsaudit.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and error as the commands write them: always UTF-8, whatever the locale (cron and systemd often
 * run with {@code LANG} unset). Standard output fails loudly: Java's {@link PrintWriter} swallows write errors, so
 * the stream underneath turns the first one into an {@link OutputFailure} that ends the command (a full disk exits 1
 * with a message; a reader that stopped reading, as {@code | head} does, ends it quietly). Standard error is best
 * effort: a warning that cannot be printed must not stop an ingest half-way.
 */
final class ConsoleStreams {

    private ConsoleStreams() {}

    static PrintWriter stdout() {
        return writer(new FileOutputStream(FileDescriptor.out), false);
    }

    static PrintWriter stderr() {
        return new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    }

    private static PrintWriter writer(OutputStream stream, boolean autoFlush) {
        return new PrintWriter(
                new BufferedWriter(new OutputStreamWriter(new FailFast(stream), StandardCharsets.UTF_8), 1 << 16),
                autoFlush);
    }

    /** Writing the output failed; {@link #readerWentAway()} tells a closed pipe from a real error. */
    static final class OutputFailure extends RuntimeException {
        OutputFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }

        /** The other end of a pipe closed (EPIPE): the reader has what it wanted. */
        boolean readerWentAway() {
            String message = getMessage();
            return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("broken pipe");
        }
    }

    private static final class FailFast extends FilterOutputStream {
        FailFast(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new OutputFailure(e);
            }
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new OutputFailure(e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new OutputFailure(e);
            }
        }
    }
}

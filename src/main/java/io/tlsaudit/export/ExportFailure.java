package io.tlsaudit.export;

/** An export that cannot go on: the message says what to do. Nothing exported before it is lost. */
public final class ExportFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExportFailure(String message) {
        super(message);
    }

    public ExportFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

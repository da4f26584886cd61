package io.tlsaudit.discover;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says why a file or folder could not be read, in words, without the path (messages name it already) and without the
 * exception's class name, which means nothing to an admin.
 */
public final class FileFailures {

    private FileFailures() {}

    /** {@code permission denied}, {@code gone (deleted or moved since it was found)}, or the system's reason. */
    public static String describe(IOException failure) {
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NoSuchFileException || failure instanceof NotDirectoryException) {
            return "gone (deleted or moved since it was found)";
        }
        if (failure instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        if (failure instanceof FileSystemException system && system.getReason() != null) {
            return system.getReason(); // "Input/output error", "Too many levels of symbolic links", ...
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}

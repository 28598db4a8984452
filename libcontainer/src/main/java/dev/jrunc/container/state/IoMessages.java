package dev.jrunc.container.state;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Turns an {@link IOException} into the reason text Go programs print (lowercase strerror), so
 * messages keep the phrases engines match on ("no such file or directory", "permission denied").
 */
public final class IoMessages {
    private IoMessages() {
    }

    /** The reason alone, e.g. {@code no such file or directory}. */
    public static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file or directory";
            case AccessDeniedException x -> "permission denied";
            case FileAlreadyExistsException x -> "file exists";
            case DirectoryNotEmptyException x -> "directory not empty";
            case NotDirectoryException x -> "not a directory";
            case FileSystemException x when x.getReason() != null -> x.getReason().toLowerCase(Locale.ROOT);
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /** {@code "<what> <path>: <reason>"}, e.g. {@code open /run/x/state.json: permission denied}. */
    public static String describe(String what, Object path, IOException e) {
        return what + " " + path + ": " + reason(e);
    }
}

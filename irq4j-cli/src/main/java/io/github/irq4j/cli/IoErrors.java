package io.github.irq4j.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Why an I/O operation failed, in words: NIO's exceptions carry the path as their message and the
 * reason in their type ({@code AccessDeniedException: /x}), which alone tells a user nothing.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /** The reason, such as {@code "permission denied (/proc/x.tmp)"}. */
    public static String reason(Throwable e) {
        String what = switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NoSuchFileException n -> "no such file or folder";
            case NotDirectoryException n -> "not a folder";
            case FileAlreadyExistsException f -> "a file is in the way";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            case ReadOnlyFileSystemException r -> "read-only file system";
            default -> null;
        };
        if (e instanceof FileSystemException f) {
            String path = f.getFile();
            return (what == null ? f.getClass().getSimpleName() : what) + (path == null ? "" : " (" + path + ")");
        }
        String m = e.getMessage();
        return what != null ? what : m == null ? e.getClass().getSimpleName() : m;
    }
}

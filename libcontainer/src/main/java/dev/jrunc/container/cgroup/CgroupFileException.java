package dev.jrunc.container.cgroup;

import java.nio.file.FileSystemException;

/**
 * A control file write the kernel refused, with its errno: what the kernel says matters here
 * (EINVAL for a value out of range, EBUSY for the "no internal processes" rule), and the
 * message keeps Go's lowercase strerror wording.
 */
final class CgroupFileException extends FileSystemException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    CgroupFileException(String file, int errno, String reason) {
        super(file, null, reason);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}

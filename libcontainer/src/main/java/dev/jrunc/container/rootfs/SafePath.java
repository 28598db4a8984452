package dev.jrunc.container.rootfs;

import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.SyscallException;

/**
 * Paths inside a container's rootfs, resolved with openat2(RESOLVE_IN_ROOT) against an fd of
 * the rootfs, so ".." and symlinks (absolute or relative) stay inside it whatever the rootfs
 * contains: a hostile {@code /proc -> /} or {@code /dev/null -> /etc/shadow} resolves to the
 * rootfs's own {@code /} or {@code /etc/shadow}, never the host's.
 */
public final class SafePath {
    private static final long RESOLVE = Files.RESOLVE_IN_ROOT | Files.RESOLVE_NO_MAGICLINKS;

    private SafePath() {
    }

    /** Opens {@code path} inside the root; the caller closes the fd. */
    public static int open(int rootFd, String path, int flags) {
        return Files.openat2(rootFd, relative(path), flags, 0, RESOLVE);
    }

    /** Like {@link #open} but returns -1 when the path does not exist. */
    public static int openIfExists(int rootFd, String path, int flags) {
        try {
            return open(rootFd, path, flags);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return -1;
            }
            throw e;
        }
    }

    /**
     * Creates every missing directory of {@code path} (mode 0755, owned by {@code uid:gid} on the
     * host) and returns an O_PATH fd of the last one.
     */
    public static int mkdirAll(int rootFd, String path, int uid, int gid) {
        String rel = relative(path);
        int current = Files.openat2(rootFd, ".", Files.O_PATH | Files.O_DIRECTORY, 0, RESOLVE);
        if (rel.equals(".")) {
            return current;
        }
        try {
            StringBuilder prefix = new StringBuilder();
            for (String name : rel.split("/+")) {
                if (name.isEmpty() || name.equals(".")) {
                    continue;
                }
                prefix.append('/').append(name);
                // Each prefix is resolved from the root, so a symlink at any depth resolves
                // against the container's "/" and not against the directory holding it.
                int next = openDirIfExists(rootFd, prefix.toString());
                if (next < 0) {
                    try {
                        Files.mkdirat(current, name, 0755);
                        Files.fchownat(current, name, uid, gid, Files.AT_SYMLINK_NOFOLLOW);
                    } catch (SyscallException e) {
                        if (!e.is(Errno.EEXIST)) {
                            throw e;
                        }
                    }
                    next = Files.openat2(rootFd, relative(prefix.toString()), Files.O_PATH | Files.O_DIRECTORY, 0, RESOLVE);
                }
                Files.close(current);
                current = next;
            }
            return current;
        } catch (RuntimeException e) {
            Files.closeQuietly(current);
            throw e;
        }
    }

    /**
     * Makes sure {@code path} exists as a directory ({@code directory}) or a file, creating its
     * parents, and returns an O_PATH fd of it: the target of a mount.
     */
    public static int mountTarget(int rootFd, String path, boolean directory, int uid, int gid) {
        int existing = openIfExists(rootFd, path, Files.O_PATH);
        if (existing >= 0) {
            return existing;
        }
        if (directory) {
            return mkdirAll(rootFd, path, uid, gid);
        }
        int parent = mkdirAll(rootFd, parentOf(path), uid, gid);
        try {
            String name = nameOf(path);
            try {
                int fd = Files.openat(parent, name, Files.O_CREAT | Files.O_EXCL | Files.O_WRONLY | Files.O_NOFOLLOW, 0644);
                Files.fchownat(fd, "", uid, gid, Files.AT_EMPTY_PATH);
                Files.close(fd);
            } catch (SyscallException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e;
                }
            }
            return Files.openat2(parent, name, Files.O_PATH, 0, RESOLVE);
        } finally {
            Files.closeQuietly(parent);
        }
    }

    static String relative(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() ? "." : p;
    }

    static String parentOf(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }

    static String nameOf(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static int openDirIfExists(int rootFd, String path) {
        try {
            return Files.openat2(rootFd, relative(path), Files.O_PATH | Files.O_DIRECTORY, 0, RESOLVE);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return -1;
            }
            throw e;
        }
    }
}

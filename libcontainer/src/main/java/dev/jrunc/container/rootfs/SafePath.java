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
     * The lstat of {@code path}'s last component, its parent resolved inside the root; null
     * when the parent or the component does not exist.
     */
    public static Files.Stat lstatIfExists(int rootFd, String path) {
        int parent = openIfExists(rootFd, parentOf(path), Files.O_PATH | Files.O_DIRECTORY);
        if (parent < 0) {
            return null;
        }
        try {
            String name = nameOf(path);
            return name.isEmpty() || name.equals(".") || name.equals("..") ? null : statIfExists(parent, name);
        } finally {
            Files.closeQuietly(parent);
        }
    }

    /**
     * Creates every missing directory of {@code path} (mode 0755, owned by {@code uid:gid} on the
     * host) and returns an O_PATH fd of the last one.
     */
    public static int mkdirAll(int rootFd, String path, int uid, int gid) {
        return resolveCreating(rootFd, path, true, uid, gid);
    }

    /**
     * Makes sure {@code path} exists as a directory ({@code directory}) or a file, creating its
     * parents, and returns an O_PATH fd of it: the target of a mount.
     */
    public static int mountTarget(int rootFd, String path, boolean directory, int uid, int gid) {
        return resolveCreating(rootFd, path, directory, uid, gid);
    }

    /**
     * Walks {@code path} one component at a time from the root, following symlinks by hand
     * inside the root (an absolute target restarts at the root, ".." stops there), and creates
     * whatever is missing: directories, and the last component as a directory or an empty file.
     * A dangling link such as {@code /etc/resolv.conf -> ../run/resolv.conf} thus gets its target
     * made inside the rootfs, as runc does. Every prefix is reopened with RESOLVE_NO_SYMLINKS,
     * so a component swapped for a symlink meanwhile fails instead of leading anywhere.
     */
    private static int resolveCreating(int rootFd, String path, boolean directory, int uid, int gid) {
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(components(path));
        java.util.ArrayList<String> done = new java.util.ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.removeLast();
                }
                continue;
            }
            int parent = openResolved(rootFd, done, Files.O_PATH | Files.O_DIRECTORY);
            try {
                Files.Stat st = statIfExists(parent, name);
                if (st == null) {
                    create(parent, name, todo.isEmpty() && !directory, uid, gid);
                    done.add(name);
                } else if (st.type() == Files.S_IFLNK) {
                    if (++links > MAX_LINKS) {
                        throw new SyscallException("resolve", "path=\"" + path + "\"", Errno.ELOOP);
                    }
                    String target = Files.readlinkat(parent, name);
                    if (target.startsWith("/")) {
                        done.clear();
                    }
                    java.util.List<String> parts = components(target);
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        todo.addFirst(parts.get(i));
                    }
                } else {
                    done.add(name);
                }
            } finally {
                Files.closeQuietly(parent);
            }
        }
        return openResolved(rootFd, done, Files.O_PATH);
    }

    private static final int MAX_LINKS = 40;

    private static int openResolved(int rootFd, java.util.List<String> components, int flags) {
        String rel = components.isEmpty() ? "." : String.join("/", components);
        return Files.openat2(rootFd, rel, flags, 0, RESOLVE | Files.RESOLVE_NO_SYMLINKS);
    }

    private static Files.Stat statIfExists(int dirFd, String name) {
        try {
            return Files.fstatat(dirFd, name, Files.AT_SYMLINK_NOFOLLOW);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw e;
        }
    }

    private static void create(int parent, String name, boolean file, int uid, int gid) {
        try {
            if (file) {
                int fd = Files.openat(parent, name, Files.O_CREAT | Files.O_EXCL | Files.O_WRONLY | Files.O_NOFOLLOW, 0644);
                Files.close(fd);
            } else {
                Files.mkdirat(parent, name, 0755);
            }
            Files.fchownat(parent, name, uid, gid, Files.AT_SYMLINK_NOFOLLOW);
        } catch (SyscallException e) {
            // Made meanwhile by someone else: the next step inspects what is there now.
            if (!e.is(Errno.EEXIST)) {
                throw e;
            }
        }
    }

    private static java.util.List<String> components(String path) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String c : path.split("/+")) {
            if (!c.isEmpty() && !c.equals(".")) {
                out.add(c);
            }
        }
        return out;
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
}

package dev.jrunc.container.cgroup;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.IoMessages;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Inotify;
import dev.jrunc.sys.Poll;
import dev.jrunc.sys.SyscallException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link CgroupWatch} on inotify, as runc's {@code events} watches a cgroup v2: cgroupfs
 * reports every change of memory.events and cgroup.events as IN_MODIFY on the file. Without the
 * memory controller there is no memory.events, and only the emptying of the cgroup is watched
 * (runc refuses to watch at all then).
 */
public final class InotifyCgroupWatch implements CgroupWatch {
    private static final String MEMORY_EVENTS = "memory.events";
    private static final String CGROUP_EVENTS = "cgroup.events";

    private final Path dir;
    private final CgroupFs fs;
    private final int fd;

    private InotifyCgroupWatch(Path dir, CgroupFs fs, int fd) {
        this.dir = dir;
        this.fs = fs;
        this.fd = fd;
    }

    /** Watches the cgroup directory {@code dir}. */
    public static InotifyCgroupWatch open(Path dir) {
        return open(dir, new KernelCgroupFs());
    }

    static InotifyCgroupWatch open(Path dir, CgroupFs fs) {
        int fd = Inotify.init();
        try {
            watchIfPresent(fd, dir.resolve(MEMORY_EVENTS));
            watchIfPresent(fd, dir.resolve(CGROUP_EVENTS));
        } catch (RuntimeException e) {
            Files.closeQuietly(fd);
            throw e;
        }
        return new InotifyCgroupWatch(dir, fs, fd);
    }

    /** A file that is missing is not watched: no memory controller, or a cgroup already removed (then populated() is false). */
    private static void watchIfPresent(int fd, Path file) {
        try {
            Inotify.addWatch(fd, file.toString(), Inotify.IN_MODIFY);
        } catch (SyscallException e) {
            if (!e.is(Errno.ENOENT)) {
                throw new ContainerException("cannot watch " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean awaitChange(Duration timeout) {
        // Rounded up: a wait of less than a millisecond must not become a busy poll(0).
        long millis = Math.max(0, (timeout.toNanos() + 999_999) / 1_000_000);
        if (!Poll.await(fd, Poll.POLLIN, millis)) {
            return false;
        }
        // Any event counts: IN_MODIFY, or IN_IGNORED when a watched file went away with its cgroup.
        return !Inotify.read(fd).isEmpty();
    }

    @Override
    public long oomKills() {
        return flatKey(MEMORY_EVENTS, "oom_kill").filter(v -> v.matches("[0-9]{1,19}")).map(Long::parseLong).orElse(0L);
    }

    @Override
    public boolean populated() {
        return flatKey(CGROUP_EVENTS, "populated").map(v -> !v.equals("0")).orElse(false);
    }

    @Override
    public void close() {
        Files.close(fd);
    }

    /** The value of the "KEY value" line of a file, empty when the file or the line is missing. */
    private Optional<String> flatKey(String file, String key) {
        String text;
        try {
            text = fs.read(dir.resolve(file));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read", dir.resolve(file), e), e);
        }
        for (String line : text.split("\n")) {
            if (line.startsWith(key + " ")) {
                return Optional.of(line.substring(key.length() + 1).strip());
            }
        }
        return Optional.empty();
    }
}

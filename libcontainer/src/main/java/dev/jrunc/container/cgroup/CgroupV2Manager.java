package dev.jrunc.container.cgroup;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.IoMessages;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Processes;
import dev.jrunc.sys.SyscallException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One container's cgroup on the cgroup2 hierarchy: creating it, moving processes in, freezing,
 * signalling and removing it. Directories are created with their missing parents, and only the
 * parents this instance created are removed again, so cgroups that existed before are never
 * touched.
 */
public final class CgroupV2Manager {
    private static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 10;

    private final Path root;
    private final Path dir;
    private final CgroupFs fs;
    private final Duration patience;
    /** Directories this instance made, outermost first. */
    private final List<Path> created = new ArrayList<>();

    /**
     * @param root the cgroup2 mount point
     * @param dir  the cgroup's directory, strictly below {@code root}
     */
    public CgroupV2Manager(Path root, Path dir) {
        this(root, dir, new KernelCgroupFs(), DEFAULT_PATIENCE);
    }

    CgroupV2Manager(Path root, Path dir, CgroupFs fs, Duration patience) {
        this.root = root.toAbsolutePath().normalize();
        this.dir = dir.toAbsolutePath().normalize();
        this.fs = fs;
        this.patience = patience;
        if (!this.dir.startsWith(this.root) || this.dir.equals(this.root)) {
            throw new ContainerException("cgroup " + dir + " is not below the cgroup2 mount " + root);
        }
    }

    /** The manager for a container's cgroup as named by {@code linux.cgroupsPath} (see {@link CgroupsPath}). */
    public static CgroupV2Manager forContainer(String cgroupsPath, String containerId) {
        Path mount = Cgroup2Mount.locate();
        String path = CgroupsPath.resolve(cgroupsPath, containerId);
        return new CgroupV2Manager(mount, mount.resolve(path.substring(1)));
    }

    /**
     * The manager for an existing cgroup directory below the cgroup2 mount of this mount
     * namespace, for changes that reach its ancestors (`update` enabling controllers).
     */
    public static CgroupV2Manager existingInMount(Path dir) {
        return new CgroupV2Manager(Cgroup2Mount.locate(), dir);
    }

    /**
     * The manager for an existing cgroup directory, as saved in a container's state. It creates
     * no parents, so it needs no mount lookup: its parent directory is the bound it stays below.
     */
    public static CgroupV2Manager existing(Path dir) {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            throw new ContainerException("cgroup path " + dir + " names no cgroup");
        }
        return new CgroupV2Manager(parent, dir);
    }

    /** The cgroup's absolute directory. */
    public Path path() {
        return dir;
    }

    public boolean exists() {
        return fs.exists(dir);
    }

    /** Creates the cgroup and its missing parents, with no limits; on failure, removes what it made. */
    public void create() {
        create(CgroupSettings.NONE);
    }

    /**
     * Creates the cgroup and its missing parents with {@code settings} applied, before any process
     * is in it, so that everything a process there ever does is limited: checks that the cgroup2
     * root has the controllers needed, enables them in {@code cgroup.subtree_control} of each
     * ancestor from the root down to the cgroup's parent (the one change made to cgroups that
     * existed before, as runc makes it), then writes the control files. On failure, removes what
     * it made; controllers it enabled stay enabled (other cgroups may have started to use them).
     */
    public void create(CgroupSettings settings) {
        SubtreeControl subtree = new SubtreeControl(fs, root);
        subtree.requireAvailable(settings.controllers());
        Path current = root;
        try {
            subtree.enable(root, settings.controllers());
            for (Path part : root.relativize(dir)) {
                current = current.resolve(part);
                if (!fs.exists(current)) {
                    try {
                        fs.mkdir(current);
                        created.add(current);
                    } catch (FileAlreadyExistsException raced) {
                        // made by someone else meanwhile: theirs, not ours to remove
                    }
                }
                if (!current.equals(dir)) {
                    subtree.enable(current, settings.controllers());
                }
            }
            new CgroupWriter(fs, dir).apply(settings.writes());
        } catch (IOException e) {
            removeCreated();
            throw new ContainerException(IoMessages.describe("cannot create cgroup", current, e), e);
        } catch (RuntimeException e) {
            removeCreated();
            throw e;
        }
    }

    /**
     * Applies {@code settings} to the existing cgroup (`update`): the controllers are checked and
     * enabled in the ancestors as by {@link #create(CgroupSettings)}, then the files written.
     */
    public void update(CgroupSettings settings) {
        SubtreeControl subtree = new SubtreeControl(fs, root);
        subtree.requireAvailable(settings.controllers());
        List<Path> ancestors = new ArrayList<>();
        for (Path ancestor = dir.getParent(); ancestor != null && ancestor.startsWith(root); ancestor = ancestor.getParent()) {
            ancestors.addFirst(ancestor);
        }
        for (Path ancestor : ancestors) {
            subtree.enable(ancestor, settings.controllers());
        }
        new CgroupWriter(fs, dir).apply(settings.writes());
    }

    /** The cgroup's memory use in bytes (memory.current), or empty when it cannot be read. */
    public OptionalLong memoryCurrent() {
        try {
            return OptionalLong.of(Long.parseUnsignedLong(fs.read(dir.resolve("memory.current")).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Moves process {@code pid} (all its threads) into this cgroup. */
    public void addProcess(int pid) {
        write("cgroup.procs", Integer.toString(pid), "cannot add process " + pid + " to cgroup");
    }

    /** The pids in this cgroup and its descendants; empty when the cgroup does not exist. */
    public List<Integer> pids() {
        List<Integer> pids = new ArrayList<>();
        try {
            collectPids(dir, pids);
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read the processes of cgroup", dir, e), e);
        }
        return pids;
    }

    /** Whether any process is in this cgroup or below it. */
    public boolean isPopulated() {
        return event("populated");
    }

    /** Whether the cgroup is frozen (asked to be, with cgroup.freeze). */
    public boolean isFrozen() {
        try {
            return fs.read(dir.resolve("cgroup.freeze")).strip().equals("1");
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read", dir.resolve("cgroup.freeze"), e), e);
        }
    }

    /** Freezes every process in the cgroup and waits until the kernel reports it frozen. */
    public void freeze() {
        setFrozen(true);
    }

    /** Thaws the cgroup and waits until the kernel reports it thawed. */
    public void thaw() {
        setFrozen(false);
    }

    /**
     * Sends {@code signal} to every process in the cgroup and below. SIGKILL goes through
     * cgroup.kill where the kernel has it (5.14+), which also catches processes forking meanwhile.
     */
    public void killAll(int signal) {
        if (!fs.exists(dir)) {
            return;
        }
        if (signal == Processes.SIGKILL && fs.exists(dir.resolve("cgroup.kill"))) {
            write("cgroup.kill", "1", "cannot kill the processes of cgroup");
            return;
        }
        for (int pid : pids()) {
            try {
                Processes.kill(pid, signal);
            } catch (SyscallException e) {
                if (!e.is(Errno.ESRCH)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Removes the cgroup (with any child cgroups the container made) and the parents this
     * instance created, if they are empty. Kills nothing: it waits a while for the cgroup to
     * empty and fails if it does not. A cgroup that is already gone is fine.
     */
    public void destroy() {
        long deadline = System.nanoTime() + patience.toNanos();
        if (fs.exists(dir)) {
            while (isPopulated() && System.nanoTime() < deadline) {
                pause();
            }
            removeTree(dir, deadline);
        }
        removeCreated();
    }

    private void setFrozen(boolean frozen) {
        write("cgroup.freeze", frozen ? "1" : "0", "cannot " + (frozen ? "freeze" : "thaw") + " cgroup");
        long deadline = System.nanoTime() + patience.toNanos();
        while (event("frozen") != frozen) {
            if (System.nanoTime() >= deadline) {
                String waited = patience.toMillis() % 1000 == 0 ? patience.toSeconds() + "s" : patience.toMillis() + "ms";
                throw new ContainerException("timeout of " + waited + " reached waiting for cgroup "
                        + dir + " to " + (frozen ? "freeze" : "thaw"));
            }
            pause();
        }
    }

    /** A boolean key of cgroup.events ("populated", "frozen"); false when the cgroup is gone. */
    private boolean event(String key) {
        Path file = dir.resolve("cgroup.events");
        String events;
        try {
            events = fs.read(file);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read", file, e), e);
        }
        for (String line : events.split("\n")) {
            if (line.startsWith(key + " ")) {
                return line.substring(key.length() + 1).strip().equals("1");
            }
        }
        return false;
    }

    private void collectPids(Path cgroup, List<Integer> pids) throws IOException {
        String procs;
        try {
            procs = fs.read(cgroup.resolve("cgroup.procs"));
        } catch (NoSuchFileException gone) {
            return;
        }
        for (String line : procs.split("\n")) {
            if (!line.isBlank()) {
                pids.add(Integer.parseInt(line.strip()));
            }
        }
        List<Path> children;
        try {
            children = fs.children(cgroup);
        } catch (NoSuchFileException gone) {
            return;
        }
        for (Path child : children) {
            collectPids(child, pids);
        }
    }

    private void removeTree(Path cgroup, long deadline) {
        try {
            for (Path child : fs.children(cgroup)) {
                removeTree(child, deadline);
            }
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot list cgroup", cgroup, e), e);
        }
        while (true) {
            try {
                fs.rmdir(cgroup);
                return;
            } catch (NoSuchFileException gone) {
                return;
            } catch (IOException e) {
                // EBUSY while the last exiting tasks leave; give them until the deadline.
                if (System.nanoTime() >= deadline) {
                    throw new ContainerException(IoMessages.describe("cannot remove cgroup", cgroup, e), e);
                }
                pause();
            }
        }
    }

    private void removeCreated() {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                fs.rmdir(created.get(i));
            } catch (IOException stillUsed) {
                // not empty (another container below it) or already gone: leave it
            }
        }
        created.clear();
    }

    private void write(String file, String value, String failure) {
        try {
            fs.write(dir.resolve(file), value);
        } catch (IOException e) {
            throw new ContainerException(failure + " " + dir + ": " + IoMessages.reason(e), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted while waiting for a cgroup", e);
        }
    }
}

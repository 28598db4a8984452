package dev.jrunc.container.cgroup;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.IoMessages;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The controllers of a cgroup2 hierarchy: which its root offers ({@code cgroup.controllers}) and
 * enabling them for a cgroup's children ({@code cgroup.subtree_control}). cgroup v2 lets a
 * controller be enabled only top-down, and, below the root, only in a cgroup without processes
 * of its own (the "no internal processes" rule); the runtime itself lives in some cgroup, so a
 * cgroupsPath below its own cgroup cannot get controllers, and the error says so.
 */
final class SubtreeControl {
    private final CgroupFs fs;
    private final Path root;

    SubtreeControl(CgroupFs fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /** Fails, naming the first field that needs it, unless the root offers every controller in {@code uses}. */
    void requireAvailable(List<ControllerUse> uses) {
        if (uses.isEmpty()) {
            return;
        }
        List<String> available = words(root.resolve("cgroup.controllers"));
        for (ControllerUse use : uses) {
            if (!available.contains(use.controller())) {
                throw new ContainerException(use.field() + ": the " + use.controller()
                        + " controller is not available in the cgroup v2 hierarchy at " + root + " (available: "
                        + (available.isEmpty() ? "none" : String.join(" ", available)) + ")");
            }
        }
    }

    /** Enables in {@code cgroup}'s subtree_control the controllers of {@code uses} it does not have enabled yet. */
    void enable(Path cgroup, List<ControllerUse> uses) {
        if (uses.isEmpty()) {
            return;
        }
        Path file = cgroup.resolve("cgroup.subtree_control");
        List<String> enabled = words(file);
        for (ControllerUse use : uses) {
            if (enabled.contains(use.controller())) {
                continue;
            }
            try {
                fs.write(file, "+" + use.controller());
            } catch (IOException e) {
                throw new ContainerException(use.field() + ": cannot enable the " + use.controller() + " controller in "
                        + file + ": " + IoMessages.reason(e) + busyHint(cgroup, e), e);
            }
        }
    }

    private String busyHint(Path cgroup, IOException e) {
        if (!(e instanceof CgroupFileException c) || c.errno() != Errno.EBUSY) {
            return "";
        }
        String hint = " (" + cgroup + " has processes of its own, and cgroup v2 enables controllers only in cgroups "
                + "without processes";
        try {
            String self = Integer.toString(Processes.currentPid());
            if (fs.read(cgroup.resolve("cgroup.procs")).lines().anyMatch(self::equals)) {
                hint += "; this runtime process is one of them: use a cgroupsPath outside its own cgroup";
            }
        } catch (IOException unreadable) {
            // the general explanation stands
        }
        return hint + ")";
    }

    private List<String> words(Path file) {
        try {
            String text = fs.read(file).strip();
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read", file, e), e);
        }
    }
}

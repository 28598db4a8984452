package dev.jrunc.container.create;

import dev.jrunc.container.cgroup.CgroupV2Manager;
import dev.jrunc.container.init.HelperProcess;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Processes;
import java.util.ArrayList;
import java.util.List;

/**
 * Undoes a failed `create`, newest first: kills the init (through a pidfd, so a reused pid is
 * never hit), reaps the helper, removes the cgroup and the state directory, closes descriptors.
 * On success only the descriptors are closed.
 */
final class Rollback {
    private final StateStore store;
    private final String id;
    private final List<Integer> fds = new ArrayList<>();
    private HelperProcess helper;
    private CgroupV2Manager cgroup;
    private int initPid = -1;

    Rollback(StateStore store, String id) {
        this.store = store;
        this.id = id;
    }

    void closeLater(int fd) {
        if (fd >= 0) {
            fds.add(fd);
        }
    }

    void helper(HelperProcess h) {
        helper = h;
    }

    void cgroup(CgroupV2Manager c) {
        cgroup = c;
    }

    void init(int pid) {
        initPid = pid;
    }

    void commit() {
        if (helper != null) {
            helper.channel().close();
        }
        fds.forEach(Files::closeQuietly);
    }

    void run(Throwable cause) {
        if (initPid > 0) {
            quietly(cause, () -> {
                int pidfd = Processes.pidfdOpen(initPid);
                try {
                    Processes.pidfdSendSignal(pidfd, Processes.SIGKILL);
                } finally {
                    Files.closeQuietly(pidfd);
                }
            });
        }
        if (helper != null) {
            quietly(cause, helper::close);
        }
        fds.forEach(Files::closeQuietly);
        if (cgroup != null) {
            quietly(cause, () -> {
                cgroup.killAll(Processes.SIGKILL);
                cgroup.destroy();
            });
        }
        quietly(cause, () -> store.remove(id));
    }

    private static void quietly(Throwable cause, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}

package dev.jrunc.container.exec;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupV2Manager;
import dev.jrunc.container.create.PidFile;
import dev.jrunc.container.init.HelperProcess;
import dev.jrunc.container.init.InitChannel;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.container.init.NamespaceKinds;
import dev.jrunc.container.hooks.LifecycleHooks;
import dev.jrunc.container.process.ExecutableLookup;
import dev.jrunc.container.process.ProcessAttributes;
import dev.jrunc.container.process.ProcessProgram;
import dev.jrunc.container.process.SecurityModules;
import dev.jrunc.container.rootfs.ContainerThread;
import dev.jrunc.container.rootfs.IdMap;
import dev.jrunc.container.terminal.Console;
import dev.jrunc.container.seccomp.CompiledFilter;
import dev.jrunc.container.seccomp.SeccompCompiler;
import dev.jrunc.container.seccomp.SeccompListener;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.spec.Namespace;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;
import dev.jrunc.spec.SpecReader;
import dev.jrunc.spec.State;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Processes;
import dev.jrunc.sys.SyscallException;
import dev.jrunc.sys.Terminals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * `exec`: runs a new process inside a running container. The native helper joins every
 * namespace of the container's init (the user namespace first, the mount namespace last) and
 * the container's cgroup, forks, and the child takes on the process's credentials and execs.
 * No JVM ever enters the container (docs/architecture.md), and the process is orphaned to the
 * caller's subreaper like the init.
 */
public final class ContainerExecutor {
    /** runc's exit status for a failed exec. */
    public static final int EXEC_FAILED = 255;

    private final StateStore store;

    public ContainerExecutor(StateStore store) {
        this.store = store;
    }

    /** The container's own process as the base of an exec, with its namespaces' config. */
    public Spec config(String id) {
        store.require(id);
        return SpecReader.readConfig(store.configCopy(id));
    }

    /**
     * Starts the process and returns its host pid; {@code config} is the container's, from
     * {@link #config}. Without {@code detach} the caller should have made itself a child
     * subreaper first, so it can wait for the pid.
     */
    public int exec(ExecOptions options, Spec config) {
        SavedState state = store.require(options.id());
        ContainerStatus status = new StatusProbe(store).status(state);
        if (status == ContainerStatus.STOPPED) {
            throw new ContainerException("cannot exec in a stopped container", EXEC_FAILED, null);
        }
        if (status == ContainerStatus.PAUSED) {
            throw new ContainerException("cannot exec in a paused container", EXEC_FAILED, null);
        }
        SpecProcess process = withContainerDefaults(options.process(), config.process());
        if (process.terminal() && options.consoleSocket() == null) {
            throw new ContainerException("process.terminal: cannot allocate a tty without --console-socket",
                    EXEC_FAILED, null);
        }
        ProcessProgram.validate(process);
        ProcessAttributes attributes = ProcessAttributes.forExec(process, config.linux(),
                SecurityModules.probeFor(process.apparmorProfile(), process.selinuxLabel()));
        CompiledFilter filter = config.linux() == null || config.linux().seccomp() == null ? null
                : SeccompCompiler.compile(config.linux().seccomp());
        int initPid = state.initPid();
        boolean userNs = joinOrder(config).contains(NamespaceType.USER);
        IdMap ids = userNs ? IdMap.ofProcess(initPid) : IdMap.identity();
        String executable;
        Terminals.Pty pty = null;
        try {
            Prepared prepared = ContainerThread.call(initPid, List.of(NamespaceType.MOUNT),
                    userNs ? ids.hostUid(0) : -1, userNs ? ids.hostGid(0) : -1, () -> new Prepared(
                            ExecutableLookup.resolve(process.args().get(0), process.env(), process.cwd()),
                            process.terminal() ? Console.open(process.consoleSize()) : null));
            executable = prepared.executable();
            pty = prepared.pty();
        } catch (ContainerException e) {
            throw new ContainerException("exec failed: unable to start container process: " + e.getMessage(),
                    EXEC_FAILED, e);
        }
        try {
            // The process is born in the container's cgroup (clone3 into it), unless it joins a
            // user namespace, where the kernel checks that with credentials that may not write
            // the host's cgroup: then the helper is moved in before it joins any namespace.
            // A cgroup namespace is joined by the process once it is born: where cgroup2 is
            // mounted with nsdelegate, the kernel refuses (ENOENT) a clone into a cgroup from a
            // process whose own cgroup its cgroup namespace cannot see.
            boolean intoCgroup = state.cgroupPath() != null && !userNs;
            List<NamespaceType> joins = joinOrder(config);
            boolean cgroupNsAfterBirth = intoCgroup && joins.contains(NamespaceType.CGROUP);
            List<Integer> extra = new ArrayList<>();
            HelperProcess spawned;
            try {
                if (intoCgroup) {
                    extra.add(openCgroup(state.cgroupPath()));
                }
                if (cgroupNsAfterBirth) {
                    extra.add(openNamespace(initPid, NamespaceType.CGROUP));
                }
                spawned = HelperProcess.spawn(options.preserveFds(), extra);
            } finally {
                extra.forEach(Files::closeQuietly);
            }
            try (HelperProcess helper = spawned) {
                if (state.cgroupPath() != null && !intoCgroup) {
                    CgroupV2Manager.existing(Path.of(state.cgroupPath())).addProcess(helper.pid());
                }
                byte[] initial = attributes.initialAffinity();
                if (initial != null) {
                    try {
                        Processes.schedSetaffinity(helper.pid(), initial);
                    } catch (SyscallException e) {
                        throw new ContainerException("process.execCPUAffinity.initial: " + e.getMessage(),
                                EXEC_FAILED, e);
                    }
                }
                InitChannel channel = helper.channel();
                InitProgram join = new InitProgram().closeFrom(helper.firstFreeFd());
                for (NamespaceType type : joins) {
                    if (!(cgroupNsAfterBirth && type == NamespaceType.CGROUP)) {
                        join.setns(NamespaceKinds.flag(type), "/proc/" + initPid + "/ns/" + NamespaceKinds.procName(type));
                    }
                }
                if (intoCgroup) {
                    join.forkInto(helper.extraFd(0), state.cgroupPath());
                } else {
                    join.fork();
                }
                if (cgroupNsAfterBirth) {
                    join.setnsFd(NamespaceKinds.flag(NamespaceType.CGROUP), helper.extraFd(1),
                            "setns(/proc/" + initPid + "/ns/cgroup)");
                }
                if (pty != null) {
                    Console.sendMaster(options.consoleSocket(), pty.master());
                    Console.appendSlaveAsStdio(join);
                }
                // An exec'd process is confined by the container's seccomp profile, as with runc.
                ProcessProgram.appendSetup(join, process, attributes, filter);
                ProcessProgram.appendFinalFilter(join, process, filter);
                join.exec(executable, process.args(), process.env());
                State running = LifecycleHooks.state(config.ociVersion(), state.id(), ContainerStatus.RUNNING, initPid,
                        state.bundle(), state.annotations());
                int pid;
                try {
                    pid = channel.runUntilExec(join, pty != null ? pty.slave() : -1, (operation, fd, forked) ->
                            sendToListener(config, fd, forked, running)).pid();
                } catch (ContainerException e) {
                    throw new ContainerException("exec failed: " + e.getMessage(), EXEC_FAILED, e);
                }
                helper.reap();
                if (options.pidFile() != null) {
                    PidFile.write(options.pidFile(), pid);
                }
                return pid;
            }
        } finally {
            if (pty != null) {
                Files.closeQuietly(pty.master());
                Files.closeQuietly(pty.slave());
            }
        }
    }

    /**
     * Hands the exec'd process's notify fd to the listener. If that fails the process must not
     * run on with a filter nobody answers: it has nothing left to wait for, so it is killed.
     */
    private static void sendToListener(Spec config, int fd, int pid, State state) {
        try {
            SeccompListener.send(config.linux().seccomp(), fd, pid, state);
        } catch (RuntimeException e) {
            try {
                int pidfd = Processes.pidfdOpen(pid);
                try {
                    Processes.pidfdSendSignal(pidfd, Processes.SIGKILL);
                } finally {
                    Files.closeQuietly(pidfd);
                }
            } catch (SyscallException gone) {
                e.addSuppressed(gone);
            }
            throw e;
        }
    }

    /**
     * The settings an exec'd process takes from the container's own process when its document
     * leaves them out, as runc's newInitConfig does: AppArmor profile, SELinux label, scheduler,
     * I/O priority and exec CPU affinity.
     */
    static SpecProcess withContainerDefaults(SpecProcess p, SpecProcess base) {
        if (base == null) {
            return p;
        }
        return new SpecProcess(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(),
                blank(p.apparmorProfile()) ? base.apparmorProfile() : p.apparmorProfile(), p.oomScoreAdj(),
                p.scheduler() != null ? p.scheduler() : base.scheduler(),
                blank(p.selinuxLabel()) ? base.selinuxLabel() : p.selinuxLabel(),
                p.ioPriority() != null ? p.ioPriority() : base.ioPriority(),
                p.execCpuAffinity() != null ? p.execCpuAffinity() : base.execCpuAffinity());
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    /** What the container thread found: the executable's path, and a pty for a terminal or null. */
    private record Prepared(String executable, Terminals.Pty pty) {
    }

    /** Waits for an exec'd process (the caller is its subreaper) and returns its exit code. */
    public static int waitFor(int pid) {
        return Processes.exitCode(Processes.waitpid(pid, false));
    }

    private static List<NamespaceType> joinOrder(Spec config) {
        List<NamespaceType> types = new ArrayList<>();
        if (config.linux() != null) {
            for (Namespace ns : config.linux().namespaces()) {
                types.add(ns.type());
            }
        }
        types.sort(Comparator.comparingInt(NamespaceKinds::joinOrder));
        return types;
    }

    /** The init's namespace of {@code type}, for the exec'd process to join once it is born. */
    private static int openNamespace(int initPid, NamespaceType type) {
        String path = "/proc/" + initPid + "/ns/" + NamespaceKinds.procName(type);
        try {
            return Files.open(path, Files.O_RDONLY);
        } catch (SyscallException e) {
            throw new ContainerException("exec failed: cannot open " + path + ": " + e.getMessage(), EXEC_FAILED, e);
        }
    }

    /** The container's cgroup directory, which the exec'd process is born in. */
    private static int openCgroup(String path) {
        try {
            return Files.open(path, Files.O_PATH | Files.O_DIRECTORY);
        } catch (SyscallException e) {
            throw new ContainerException("exec failed: cannot open the container's cgroup: " + e.getMessage(),
                    EXEC_FAILED, e);
        }
    }
}

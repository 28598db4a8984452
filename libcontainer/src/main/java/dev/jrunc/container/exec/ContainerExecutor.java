package dev.jrunc.container.exec;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupV2Manager;
import dev.jrunc.container.create.PidFile;
import dev.jrunc.container.init.HelperProcess;
import dev.jrunc.container.init.InitChannel;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.container.init.NamespaceKinds;
import dev.jrunc.container.process.ExecutableLookup;
import dev.jrunc.container.process.ProcessProgram;
import dev.jrunc.container.rootfs.ContainerThread;
import dev.jrunc.container.rootfs.IdMap;
import dev.jrunc.container.terminal.Console;
import dev.jrunc.container.seccomp.CompiledFilter;
import dev.jrunc.container.seccomp.SeccompCompiler;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.spec.Namespace;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;
import dev.jrunc.spec.SpecReader;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Processes;
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
        SpecProcess process = withContainersAppArmorProfile(options.process(), config);
        if (process.terminal() && options.consoleSocket() == null) {
            throw new ContainerException("process.terminal: cannot allocate a tty without --console-socket",
                    EXEC_FAILED, null);
        }
        ProcessProgram.validate(process);
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
            try (HelperProcess helper = HelperProcess.spawn(options.preserveFds(), List.of())) {
                if (state.cgroupPath() != null) {
                    CgroupV2Manager.existing(Path.of(state.cgroupPath())).addProcess(helper.pid());
                }
                InitChannel channel = helper.channel();
                InitProgram join = new InitProgram().closeFrom(helper.firstFreeFd());
                for (NamespaceType type : joinOrder(config)) {
                    join.setns(NamespaceKinds.flag(type), "/proc/" + initPid + "/ns/" + NamespaceKinds.procName(type));
                }
                join.fork();
                if (pty != null) {
                    Console.sendMaster(options.consoleSocket(), pty.master());
                    Console.appendSlaveAsStdio(join);
                }
                // An exec'd process is confined by the container's seccomp profile, as with runc.
                ProcessProgram.appendSetup(join, process, filter);
                ProcessProgram.appendFinalFilter(join, process, filter);
                join.exec(executable, process.args(), process.env());
                int pid;
                try {
                    pid = pty != null ? channel.runUntilExecSendingFd(join, pty.slave()).pid()
                            : channel.runUntilExec(join).pid();
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

    /**
     * An exec'd process is confined by the container's AppArmor profile unless it names its own,
     * as with runc (engines' exec process documents carry none).
     */
    static SpecProcess withContainersAppArmorProfile(SpecProcess p, Spec config) {
        String own = p.apparmorProfile();
        String containers = config.process() == null ? null : config.process().apparmorProfile();
        if ((own != null && !own.isEmpty()) || containers == null || containers.isEmpty()) {
            return p;
        }
        return new SpecProcess(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), containers, p.oomScoreAdj(), p.scheduler(),
                p.selinuxLabel(), p.ioPriority(), p.execCpuAffinity());
    }
}

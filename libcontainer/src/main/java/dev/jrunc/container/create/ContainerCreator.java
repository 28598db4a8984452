package dev.jrunc.container.create;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupV2Manager;
import dev.jrunc.container.hooks.CreateHooks;
import dev.jrunc.container.hooks.LifecycleHooks;
import dev.jrunc.container.hooks.StartContainerHooks;
import dev.jrunc.container.init.HelperProcess;
import dev.jrunc.container.init.InitChannel;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.container.process.ExecutableLookup;
import dev.jrunc.container.process.ProcessProgram;
import dev.jrunc.container.rootfs.ContainerThread;
import dev.jrunc.container.rootfs.IdMap;
import dev.jrunc.container.rootfs.RootfsBuilder;
import dev.jrunc.container.rootfs.RootfsConfig;
import dev.jrunc.container.seccomp.CompiledFilter;
import dev.jrunc.container.seccomp.SeccompListener;
import dev.jrunc.container.state.AppliedResources;
import dev.jrunc.container.state.ContainerId;
import dev.jrunc.container.state.ProcStat;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.terminal.Console;
import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;
import dev.jrunc.spec.SpecReader;
import dev.jrunc.spec.SpecValidator;
import dev.jrunc.spec.State;
import dev.jrunc.spec.json.Quoting;
import dev.jrunc.spec.json.Rfc3339;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.Namespaces;
import dev.jrunc.sys.SyscallException;
import dev.jrunc.sys.Terminals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * `create`: validates the bundle, then brings up the container's init blocked before the user
 * process, in the "created" state. The native helper enters or creates the namespaces and forks
 * the init; this JVM builds the rootfs from a thread inside the init's mount namespace; the init
 * applies the process's credentials, reports back, and waits on exec.fifo for `start`.
 *
 * <p>Any failure undoes everything this call made: the init and helper are killed, the cgroup
 * and the state directory removed. Mounts live only in the container's mount namespace and go
 * with it.
 */
public final class ContainerCreator {
    private static final int READY = 1;
    private static final String KEYCREATE = "/proc/self/attr/keycreate";

    private final StateStore store;
    private final Consumer<String> warnings;

    /** Warnings (settings that have no effect) go to stderr as logrus text lines. */
    public ContainerCreator(StateStore store) {
        this(store, ContainerCreator::warnOnStderr);
    }

    /** @param warnings where a warning goes, one line each (e.g. ignored kernel memory settings) */
    public ContainerCreator(StateStore store, Consumer<String> warnings) {
        this.store = store;
        this.warnings = warnings;
    }

    public SavedState create(CreateOptions options) {
        return create(options, master -> {
            throw new IllegalStateException("no receiver for the console of " + options.id());
        });
    }

    /**
     * Like {@link #create(CreateOptions)}; with {@link CreateOptions#callerConsole()} and no
     * console socket, a terminal container's pty master goes to {@code callerConsole} (a
     * close-on-exec descriptor the receiver owns) instead.
     */
    public SavedState create(CreateOptions options, IntConsumer callerConsole) {
        String id = ContainerId.validate(options.id());
        Path bundle = (options.bundle() == null ? Path.of("") : options.bundle()).toAbsolutePath().normalize();
        Spec spec = SpecReader.readConfig(bundle.resolve("config.json"));
        SpecValidator.validate(spec, "config.json");
        CreatePlan plan = CreatePlan.of(id, bundle, spec, options);
        if (store.exists(id)) {
            throw new ContainerException("container with id \"" + id + "\" already exists");
        }
        Rollback rollback = new Rollback(store, id);
        store.reserve(id);
        try {
            SavedState state = createReserved(plan, options, rollback, callerConsole);
            rollback.commit();
            return state;
        } catch (RuntimeException e) {
            rollback.run(e);
            CreateHooks.afterFailedCreate(spec, id, bundle, e);
            throw e;
        }
    }

    private SavedState createReserved(CreatePlan plan, CreateOptions options, Rollback rollback,
                                      IntConsumer callerConsole) {
        String id = plan.id();
        copyConfig(plan.bundle().resolve("config.json"), store.configCopy(id));
        String fifo = store.execFifo(id).toString();
        Files.mkfifoat(Files.AT_FDCWD, fifo, 0600);
        // Held open read-write by the init: its read blocks until `start` writes, and `start`
        // can tell a dead init (no reader left: ENXIO) from a waiting one.
        int fifoFd = Files.open(fifo, Files.O_RDWR);
        rollback.closeLater(fifoFd);
        List<Integer> extraFds = new ArrayList<>(List.of(fifoFd));
        boolean startHooks = StartContainerHooks.any(plan.spec());
        if (startHooks) {
            // Held read-write by the init until it execs: `start` reads a hook's failure from it.
            String status = store.startStatusFifo(id).toString();
            Files.mkfifoat(Files.AT_FDCWD, status, 0600);
            int statusFd = Files.open(status, Files.O_RDWR);
            rollback.closeLater(statusFd);
            extraFds.add(statusFd);
        }

        // The limits are in place before any process joins, so the init is limited from birth.
        CgroupV2Manager cgroup = CgroupV2Manager.forContainer(plan.cgroupsPath(), id);
        plan.cgroup().warnings().forEach(warnings);
        cgroup.create(plan.cgroup());
        rollback.cgroup(cgroup);
        // Before any process joins: nothing of the container may ever open a device unfiltered.
        // A failed create removes the cgroup, and its programs go with it.
        plan.devices().installOn(cgroup.path());
        AppliedResources.save(store, id, plan.spec().linux() == null ? null : plan.spec().linux().resources());

        // The init is born in the cgroup (clone3 into it), so no process of the runtime joins it.
        // Not with a user namespace: the kernel checks that clone3 with the credentials the
        // helper has inside it, which may not write the host's cgroup; there the helper is moved
        // in before it enters any namespace, and the init is forked from it.
        // Nor when it joins an existing cgroup namespace first: where cgroup2 is mounted with
        // nsdelegate the kernel refuses (ENOENT) a clone into a cgroup its namespace cannot see
        // the cloning process from.
        boolean intoCgroup = !plan.namespaces().types().contains(NamespaceType.USER)
                && plan.namespaces().joins().stream().noneMatch(j -> j.type() == NamespaceType.CGROUP);
        int cgroupFd = intoCgroup ? Files.open(cgroup.path().toString(), Files.O_PATH | Files.O_DIRECTORY) : -1;
        HelperProcess helper;
        try {
            if (intoCgroup) {
                extraFds.add(cgroupFd);
            }
            helper = HelperProcess.spawn(options.preserveFds(), extraFds);
        } finally {
            Files.closeQuietly(cgroupFd);
        }
        rollback.helper(helper);
        if (!intoCgroup) {
            cgroup.addProcess(helper.pid());
        }
        InitChannel channel = helper.channel();
        int initPid = enterNamespaces(plan, helper, intoCgroup ? helper.extraFd(extraFds.size() - 1) : -1,
                cgroup.path().toString());
        rollback.init(initPid);
        helper.reap();
        long startTime = ProcStat.read(initPid).map(ProcStat::startTime)
                .orElseThrow(() -> new ContainerException("container init exited during create"));

        KernelMounts.Result kernelMounts = KernelMounts.make(plan, channel, cgroup.path());
        Map<Integer, Integer> mountFds = new HashMap<>(kernelMounts.fds());
        int maskFd = mountFds.getOrDefault(KernelMounts.MASK_INDEX, -1);
        mountFds.values().forEach(rollback::closeLater);
        // With a user namespace (new or joined), what this JVM creates in the container's file
        // systems must belong to the container's root: the kernel refuses unmapped owners there.
        boolean userNs = plan.namespaces().types().contains(NamespaceType.USER);
        IdMap ids = userNs ? IdMap.ofProcess(initPid) : IdMap.identity();
        RootfsConfig rootfs = plan.rootfs().withIds(ids).withMounts(kernelMounts.mounts());
        int fsUid = userNs ? ids.hostUid(0) : -1;
        int fsGid = userNs ? ids.hostGid(0) : -1;
        boolean hasUts = plan.namespaces().types().contains(NamespaceType.UTS);
        boolean terminal = plan.spec().process().terminal();
        CreateHooks hooks = CreateHooks.prepare(plan.spec(), id, plan.bundle(), initPid);
        Prepared prepared = ContainerThread.call(initPid, namespacesToEnter(plan), fsUid, fsGid, () -> {
            new RootfsBuilder(rootfs, mountFds, maskFd, channel).build(hooks::beforePivot);
            setNames(plan.spec(), hasUts);
            SpecProcess p = plan.spec().process();
            String exe = ExecutableLookup.resolve(p.args().get(0), p.env(), p.cwd());
            Terminals.Pty pty = null;
            if (terminal) {
                pty = Console.open(p.consoleSize());
                rollback.closeLater(pty.master());
                rollback.closeLater(pty.slave());
                Console.mountAsDevConsole(pty);
            }
            return new Prepared(exe, pty);
        });
        String executable = prepared.executable();
        if (prepared.pty() != null) {
            if (options.consoleSocket() != null) {
                Console.sendMaster(options.consoleSocket(), prepared.pty().master());
            } else {
                callerConsole.accept(Files.dupAbove(prepared.pty().master(), 3));
            }
            channel.runSendingFd(Console.appendSlaveAsStdio(new InitProgram()), prepared.pty().slave());
        }
        if (!plan.sysctl().settings().isEmpty()) {
            ContainerThread.call(initPid, plan.sysctl().namespaces(), () -> {
                plan.sysctl().apply();
                return null;
            });
        }
        applyOomScoreAdj(plan.spec().process(), initPid);

        if (!options.noNewKeyring()) {
            joinSessionKeyring(channel, id, plan.attributes().selinuxLabel());
        }
        SpecProcess process = plan.spec().process();
        CompiledFilter filter = plan.seccomp();
        // A notify fd must reach this JVM, so with a listener the filter goes in before the
        // report even with no_new_privs (runc too installs it before waiting for start).
        boolean filterBeforeStart = filter != null && filter.hasListener();
        InitProgram last = new InitProgram();
        ProcessProgram.appendSetup(last, process, plan.attributes(), filter);
        if (filterBeforeStart) {
            ProcessProgram.appendFinalFilter(last, process, filter);
        }
        last.report(READY).waitFd(helper.extraFd(0)).close(helper.extraFd(0));
        if (!filterBeforeStart) {
            ProcessProgram.appendFinalFilter(last, process, filter);
        }
        if (startHooks) {
            last.errorFd(helper.extraFd(1));
            StartContainerHooks.append(last, plan.spec(), id, plan.bundle().toString(), initPid);
        }
        last.exec(executable, process.args(), process.env());
        State listenerState = LifecycleHooks.state(plan.spec().ociVersion(), id, ContainerStatus.CREATING, initPid,
                plan.bundle().toString(), plan.spec().annotations());
        channel.runUntilReport(last, (operation, fd, pid) ->
                SeccompListener.send(plan.spec().linux().seccomp(), fd, initPid, listenerState));

        SavedState state = new SavedState(id, plan.bundle().toString(), plan.rootfs().rootfs(), initPid, startTime,
                Instant.now(), "", cgroup.path().toString(), plan.spec().annotations());
        store.save(state);
        if (options.pidFile() != null) {
            PidFile.write(options.pidFile(), initPid);
        }
        channel.close();
        return state;
    }

    /**
     * Only in the container's own UTS namespace (the calling thread entered it), and only
     * non-empty names, as runc: an empty one means "leave it".
     */
    private static void setNames(Spec spec, boolean hasUts) {
        String field = "hostname";
        try {
            if (hasUts && spec.hostname() != null && !spec.hostname().isEmpty()) {
                Namespaces.sethostname(spec.hostname());
            }
            field = "domainname";
            if (hasUts && spec.domainname() != null && !spec.domainname().isEmpty()) {
                Namespaces.setdomainname(spec.domainname());
            }
        } catch (SyscallException e) {
            throw new ContainerException(field + ": " + e.getMessage(), e);
        }
    }

    /** What the container thread found out: the executable's path, and the pty of a terminal or null. */
    private record Prepared(String executable, Terminals.Pty pty) {
    }

    /** Stage one in the helper: join, create, map ids, fork the init. Returns the init's pid. */
    private static int enterNamespaces(CreatePlan plan, HelperProcess helper, int cgroupFd, String cgroup) {
        NamespacePlan ns = plan.namespaces();
        InitProgram first = new InitProgram().closeFrom(helper.firstFreeFd());
        for (NamespacePlan.Join j : ns.joins()) {
            first.setns(j.flag(), j.path(), j.field());
        }
        InitChannel channel = helper.channel();
        if (ns.newUser()) {
            first.unshare(Namespaces.CLONE_NEWUSER);
            channel.run(first);
            writeIdMaps(helper.pid(), plan.ids());
            first = new InitProgram();
        }
        if (ns.types().contains(NamespaceType.USER)) {
            // Become root of the user namespace, new or joined, as runc does: what the init
            // creates (mounts, files) must be owned by the container's root, not the overflow id.
            first.setresgid(0).setresuid(0);
        }
        // A new cgroup namespace is rooted at the cgroup of the process that unshares it: the
        // init unshares it, once it is in the container's cgroup.
        int newCgroupNs = ns.unshareFlags() & Namespaces.CLONE_NEWCGROUP;
        first.unshare(ns.unshareFlags() & ~newCgroupNs);
        if (ns.timeOffsets() != null) {
            first.writeFile("/proc/self/timens_offsets", ns.timeOffsets());
        }
        if (cgroupFd >= 0) {
            first.forkInto(cgroupFd, cgroup);
        } else {
            first.fork();
        }
        if (newCgroupNs != 0) {
            first.unshare(newCgroupNs);
        }
        InitChannel.Result r = channel.run(first);
        if (r.pid() <= 0) {
            throw new ContainerException("the namespace helper did not report the init's pid");
        }
        return r.pid();
    }

    /**
     * A keyring of the container's own, as runc makes; kernels without keyrings (ENOSYS) go
     * without. With an SELinux process label the keyring is created with that label, as in runc.
     */
    private static void joinSessionKeyring(InitChannel channel, String id, String selinuxLabel) {
        InitProgram program = new InitProgram();
        if (selinuxLabel != null) {
            program.writeProcFile(KEYCREATE, selinuxLabel, "process.selinuxLabel: set the keyring label");
        }
        program.joinSessionKeyring("_ses." + id);
        try {
            channel.run(program);
        } catch (InitChannel.InitFailure e) {
            if (e.errno() != Errno.ENOSYS) {
                throw e;
            }
        }
        if (selinuxLabel != null) {
            channel.run(new InitProgram().writeProcFile(KEYCREATE, "",
                    "process.selinuxLabel: reset the keyring label"));
        }
    }

    private static void writeIdMaps(int pid, IdMap ids) {
        try {
            java.nio.file.Files.writeString(Path.of("/proc/" + pid + "/uid_map"), IdMap.procFormat(ids.uids()));
            java.nio.file.Files.writeString(Path.of("/proc/" + pid + "/gid_map"), IdMap.procFormat(ids.gids()));
        } catch (IOException e) {
            throw new ContainerException("linux.uidMappings: writing the id maps of the user namespace failed: "
                    + e.getMessage(), e);
        }
    }

    private static List<NamespaceType> namespacesToEnter(CreatePlan plan) {
        List<NamespaceType> list = new ArrayList<>();
        if (plan.namespaces().types().contains(NamespaceType.UTS)) {
            list.add(NamespaceType.UTS);
        }
        list.add(NamespaceType.MOUNT);
        return list;
    }

    private static void applyOomScoreAdj(SpecProcess process, int pid) {
        if (process.oomScoreAdj() == null) {
            return;
        }
        try {
            java.nio.file.Files.writeString(Path.of("/proc/" + pid + "/oom_score_adj"), process.oomScoreAdj().toString());
        } catch (IOException e) {
            throw new ContainerException("process.oomScoreAdj: writing " + process.oomScoreAdj() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static void warnOnStderr(String message) {
        System.err.println("time=" + Quoting.quote(Rfc3339.seconds(OffsetDateTime.now())) + " level=warning msg="
                + Quoting.quote(message));
    }

    private static void copyConfig(Path from, Path to) {
        try {
            java.nio.file.Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("copying config.json into the state directory", e);
        }
    }
}

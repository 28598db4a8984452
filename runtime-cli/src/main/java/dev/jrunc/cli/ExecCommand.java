package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.exec.ContainerExecutor;
import dev.jrunc.container.exec.ExecOptions;
import dev.jrunc.spec.Capabilities;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;
import dev.jrunc.spec.SpecReader;
import dev.jrunc.spec.SpecValidator;
import dev.jrunc.spec.User;
import dev.jrunc.sys.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code exec [options] ID [COMMAND ARGS...]}: run a process in a running container, described
 * by {@code --process FILE} (what engines send) or by the container's own process with the
 * command and the overrides given here. Detached, it returns once the process has exec'd;
 * otherwise it waits and exits with the process's status.
 */
final class ExecCommand extends Subcommand {
    private String processFile;
    private boolean detach;
    private Path pidFile;
    private Path consoleSocket;
    private boolean tty;
    private String cwd;
    private List<String> env = List.of();
    private String user;
    private List<Long> additionalGids = List.of();
    private List<String> caps = List.of();
    private boolean noNewPrivs;
    private int preserveFds;
    private String apparmor;
    private String processLabel;
    private List<String> args = List.of();

    @Override
    void declare(OptionBinder options) {
        // runc reads exec's command verbatim after the container id: `exec ID sh -c CMD` must not
        // take the command's -c for exec's --cap.
        spec.parser().stopAtPositional(true);
        options.option("--process", "-p").label("FILE").description("path to a process.json (\"-\" for stdin)")
                .to(String.class, v -> processFile = v);
        options.flag("--detach", "-d").description("detach from the container's process").to(v -> detach = v);
        options.option("--pid-file").label("FILE").description("write the process's host pid to FILE")
                .to(Path.class, v -> pidFile = v);
        options.option("--console-socket").label("PATH").description("AF_UNIX socket to receive the pty master")
                .to(Path.class, v -> consoleSocket = v);
        options.flag("--tty", "-t").description("allocate a pseudo-TTY").to(v -> tty = v);
        options.option("--cwd").label("DIR").description("current working directory in the container")
                .to(String.class, v -> cwd = v);
        options.option("--env", "-e").label("KEY=VALUE").description("set an environment variable")
                .toList(String.class, v -> env = v);
        options.option("--user", "-u").label("UID[:GID]").description("run as this uid (and gid)")
                .to(String.class, v -> user = v);
        options.option("--additional-gids", "-g").label("GID").description("additional gids")
                .toList(Long.class, v -> additionalGids = v);
        options.option("--cap", "-c").label("CAP").description("add a capability to the bounding, effective and permitted sets")
                .toList(String.class, v -> caps = v);
        options.flag("--no-new-privs").description("set no_new_privs").to(v -> noNewPrivs = v);
        options.option("--preserve-fds").label("N").defaultValue("0").description("pass N extra fds (3 .. 3+N-1)")
                .to(int.class, v -> preserveFds = v);
        options.option("--apparmor").label("PROFILE").description("set the apparmor profile for the process")
                .to(String.class, v -> apparmor = v);
        options.option("--process-label").label("LABEL").description("set the SELinux label for the process")
                .to(String.class, v -> processLabel = v);
        options.arguments("ID [COMMAND ARGS...]").to(v -> args = v);
    }

    @Override
    public Integer call() {
        String id = containerId();
        ContainerExecutor executor = new ContainerExecutor(jrunc.store());
        SpecProcess fromFile = processFile != null ? readProcess() : null;
        // Read once: the base process when there is no --process, and the namespaces and
        // seccomp profile the exec'd process joins either way.
        Spec config = executor.config(id);
        SpecProcess process = fromFile != null ? fromFile : fromConfig(config, command());
        if (!detach) {
            // The process is orphaned to us by the helper; as subreaper we can wait for it.
            Processes.becomeChildSubreaper();
        }
        int pid = executor.exec(options(id, process), config);
        return detach ? 0 : ContainerExecutor.waitFor(pid);
    }

    /** The first argument (a missing one fails with runc's wording). */
    String containerId() {
        if (args.isEmpty()) {
            Arguments.exactly(spec, args, 1);
        }
        return args.getFirst();
    }

    /** The arguments after the container ID: the command to run, unless the process comes from --process. */
    List<String> command() {
        return args.subList(1, args.size());
    }

    ExecOptions options(String id, SpecProcess process) {
        return new ExecOptions(id, process, pidFile == null ? null : pidFile.toAbsolutePath(),
                consoleSocket == null ? null : consoleSocket.toAbsolutePath(), detach, preserveFds);
    }

    /** The process of --process FILE (or stdin), with a terminal if --tty asks for one. */
    SpecProcess readProcess() {
        byte[] json;
        try {
            json = processFile.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(processFile));
        } catch (IOException e) {
            throw new ContainerException("--process " + processFile + ": " + e.getMessage(),
                    ContainerExecutor.EXEC_FAILED, e);
        }
        SpecProcess p = SpecReader.parseProcess(json, processFile.equals("-") ? "process" : processFile);
        SpecValidator.validateProcess(p, "process");
        return tty && !p.terminal() ? withTerminal(p) : p;
    }

    /** The container's own process with the command and the overrides given here. */
    SpecProcess fromConfig(Spec config, List<String> command) {
        if (command.isEmpty()) {
            throw new ContainerException("exec: no command given (COMMAND after the container id, or --process FILE)",
                    ContainerExecutor.EXEC_FAILED, null);
        }
        SpecProcess base = config.process();
        User u = base.user();
        if (user != null) {
            String[] parts = user.split(":", 2);
            u = new User(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : u.gid(), u.umask(),
                    u.additionalGids(), null);
        }
        if (!additionalGids.isEmpty()) {
            u = new User(u.uid(), u.gid(), u.umask(), List.copyOf(additionalGids), u.username());
        }
        List<String> environment = new ArrayList<>(base.env());
        environment.addAll(env);
        Capabilities c = base.capabilities();
        if (!caps.isEmpty()) {
            Capabilities b = c != null ? c : new Capabilities(List.of(), List.of(), List.of(), List.of(), List.of());
            c = new Capabilities(plus(b.bounding()), plus(b.effective()), b.inheritable(), plus(b.permitted()), b.ambient());
        }
        return new SpecProcess(tty || base.terminal(), base.consoleSize(), u, List.copyOf(command), null,
                List.copyOf(environment), cwd != null ? cwd : base.cwd(), c, base.rlimits(),
                noNewPrivs || base.noNewPrivileges(), nonEmpty(apparmor) ? apparmor : base.apparmorProfile(),
                base.oomScoreAdj(), base.scheduler(), nonEmpty(processLabel) ? processLabel : base.selinuxLabel(),
                base.ioPriority(), base.execCpuAffinity());
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private List<String> plus(List<String> set) {
        List<String> out = new ArrayList<>(set);
        for (String cap : caps) {
            String name = cap.toUpperCase(java.util.Locale.ROOT);
            name = name.startsWith("CAP_") ? name : "CAP_" + name;
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    private static SpecProcess withTerminal(SpecProcess p) {
        return new SpecProcess(true, p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.scheduler(),
                p.selinuxLabel(), p.ioPriority(), p.execCpuAffinity());
    }
}

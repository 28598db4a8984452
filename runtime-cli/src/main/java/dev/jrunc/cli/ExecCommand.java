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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code exec [options] ID [COMMAND ARGS...]}: run a process in a running container, described
 * by {@code --process FILE} (what engines send) or by the container's own process with the
 * command and the overrides given here. Detached, it returns once the process has exec'd;
 * otherwise it waits and exits with the process's status.
 */
@Command(name = "exec", description = "execute new process inside the container")
final class ExecCommand implements Callable<Integer> {
    @ParentCommand
    JruncCommand jrunc;
    @picocli.CommandLine.Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;

    @Option(names = {"--process", "-p"}, paramLabel = "FILE", description = "path to a process.json (\"-\" for stdin)")
    String processFile;
    @Option(names = {"--detach", "-d"}, description = "detach from the container's process")
    boolean detach;
    @Option(names = "--pid-file", paramLabel = "FILE", description = "write the process's host pid to FILE")
    Path pidFile;
    @Option(names = "--console-socket", paramLabel = "PATH", description = "AF_UNIX socket to receive the pty master")
    Path consoleSocket;
    @Option(names = {"--tty", "-t"}, description = "allocate a pseudo-TTY")
    boolean tty;
    @Option(names = "--cwd", paramLabel = "DIR", description = "current working directory in the container")
    String cwd;
    @Option(names = {"--env", "-e"}, paramLabel = "KEY=VALUE", description = "set an environment variable")
    List<String> env = new ArrayList<>();
    @Option(names = {"--user", "-u"}, paramLabel = "UID[:GID]", description = "run as this uid (and gid)")
    String user;
    @Option(names = {"--additional-gids", "-g"}, paramLabel = "GID", description = "additional gids")
    List<Long> additionalGids = new ArrayList<>();
    @Option(names = {"--cap", "-c"}, paramLabel = "CAP", description = "add a capability to the bounding, effective and permitted sets")
    List<String> caps = new ArrayList<>();
    @Option(names = "--no-new-privs", description = "set no_new_privs")
    boolean noNewPrivs;
    @Option(names = "--preserve-fds", paramLabel = "N", defaultValue = "0", description = "pass N extra fds (3 .. 3+N-1)")
    int preserveFds;
    @Option(names = "--apparmor", paramLabel = "PROFILE", description = "AppArmor profile for the process")
    String apparmor;
    @Option(names = "--process-label", paramLabel = "LABEL", description = "SELinux label (not supported yet)")
    String processLabel;
    @Parameters(paramLabel = "ID [COMMAND ARGS...]", arity = "0..*")
    List<String> args = List.of();

    @Override
    public Integer call() {
        if (args.isEmpty()) {
            Arguments.exactly(spec, args, 1);
        }
        String id = args.getFirst();
        List<String> command = args.subList(1, args.size());
        ContainerExecutor executor = new ContainerExecutor(jrunc.store());
        SpecProcess fromFile = processFile != null ? readProcess() : null;
        // Read once: the base process when there is no --process, and the namespaces and
        // seccomp profile the exec'd process joins either way.
        Spec config = executor.config(id);
        SpecProcess process = fromFile != null ? fromFile : fromConfig(config, command);
        if (apparmor != null && !apparmor.isEmpty()) {
            process = withAppArmorProfile(process, apparmor);
        }
        if (!detach) {
            // The process is orphaned to us by the helper; as subreaper we can wait for it.
            Processes.becomeChildSubreaper();
        }
        int pid = executor.exec(new ExecOptions(id, process, pidFile == null ? null : pidFile.toAbsolutePath(),
                consoleSocket == null ? null : consoleSocket.toAbsolutePath(), detach, preserveFds), config);
        return detach ? 0 : ContainerExecutor.waitFor(pid);
    }

    private SpecProcess readProcess() {
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

    private SpecProcess fromConfig(Spec config, List<String> command) {
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
                noNewPrivs || base.noNewPrivileges(), base.apparmorProfile(), base.oomScoreAdj(), base.scheduler(),
                base.selinuxLabel(), base.ioPriority(), base.execCpuAffinity());
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

    private static SpecProcess withAppArmorProfile(SpecProcess p, String profile) {
        return new SpecProcess(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), profile, p.oomScoreAdj(), p.scheduler(),
                p.selinuxLabel(), p.ioPriority(), p.execCpuAffinity());
    }

    private static SpecProcess withTerminal(SpecProcess p) {
        return new SpecProcess(true, p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(), p.cwd(),
                p.capabilities(), p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.scheduler(),
                p.selinuxLabel(), p.ioPriority(), p.execCpuAffinity());
    }
}

package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerKiller;
import dev.jrunc.container.lifecycle.Signals;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kill [--all] ID [SIGNAL]}: signals the init (or every process); SIGTERM by default. */
@Command(name = "kill", description = "send a signal (default SIGTERM) to the container's init")
final class KillCommand extends Subcommand {
    @Option(names = {"--all", "-a"}, description = "signal every process in the container's cgroup")
    boolean all;
    @Parameters(paramLabel = "ID [SIGNAL]", arity = "0..*")
    List<String> args = List.of();

    @Override
    public Integer call() {
        List<String> a = Arguments.between(spec, args, 1, 2);
        int signal = Signals.parse(a.size() == 2 ? a.get(1) : "SIGTERM");
        new ContainerKiller(jrunc.store()).kill(a.getFirst(), signal, all);
        return 0;
    }
}

package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerDeleter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code delete [--force] ID}: removes a container's cgroup and state. */
@Command(name = "delete", description = "delete a container's resources")
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    JruncCommand jrunc;
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;
    @Option(names = {"--force", "-f"}, description = "kill a running container first; succeed if it does not exist")
    boolean force;
    @Parameters(paramLabel = "ID", arity = "0..*")
    List<String> args = List.of();

    @Override
    public Integer call() {
        new ContainerDeleter(jrunc.store()).delete(Arguments.exactly(spec, args, 1).getFirst(), force);
        return 0;
    }
}

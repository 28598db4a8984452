package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerStarter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code start ID}: lets a created container run its process. */
@Command(name = "start", description = "start a created container")
final class StartCommand implements Callable<Integer> {
    @ParentCommand
    JruncCommand jrunc;
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;
    @Parameters(paramLabel = "ID", arity = "0..*")
    List<String> args = List.of();

    @Override
    public Integer call() {
        new ContainerStarter(jrunc.store()).start(Arguments.exactly(spec, args, 1).getFirst());
        return 0;
    }
}

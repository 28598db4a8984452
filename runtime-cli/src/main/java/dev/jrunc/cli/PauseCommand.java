package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerFreezer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pause ID}: freezes every process of the container. */
@Command(name = "pause", description = "suspend all processes of a container")
final class PauseCommand implements Callable<Integer> {
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
        new ContainerFreezer(jrunc.store()).pause(Arguments.exactly(spec, args, 1).getFirst());
        return 0;
    }
}

package dev.jrunc.cli;

import dev.jrunc.container.create.ContainerCreator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code create ID}: sets up a container whose init waits for {@code start} (create writes the pid file). */
@Command(name = "create", description = "create a container")
final class CreateCommand implements Callable<Integer> {
    @ParentCommand
    JruncCommand jrunc;
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;
    @Mixin
    CreateFlags flags;
    @Parameters(paramLabel = "ID", arity = "0..*")
    List<String> args = List.of();

    @Override
    public Integer call() {
        String id = Arguments.exactly(spec, args, 1).getFirst();
        jrunc.requireCgroupfsDriver();
        new ContainerCreator(jrunc.store()).create(flags.toOptions(id));
        return 0;
    }
}

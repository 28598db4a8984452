package dev.jrunc.cli;

import dev.jrunc.container.create.ContainerCreator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code create ID}: sets up a container whose init waits for {@code start} (create writes the pid file). */
@Command(name = "create", description = "create a container")
final class CreateCommand extends ContainerIdCommand {
    @Mixin
    CreateFlags flags;

    @Override
    public Integer call() {
        String id = containerId();
        jrunc.requireCgroupfsDriver();
        new ContainerCreator(jrunc.store(), jrunc.log()::warning).create(flags.toOptions(id));
        return 0;
    }
}

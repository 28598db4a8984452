package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerStarter;
import picocli.CommandLine.Command;

/** {@code start ID}: lets a created container run its process. */
@Command(name = "start", description = "start a created container")
final class StartCommand extends ContainerIdCommand {
    @Override
    public Integer call() {
        new ContainerStarter(jrunc.store()).start(containerId());
        return 0;
    }
}

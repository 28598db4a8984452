package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerStarter;

/** {@code start ID}: lets a created container run its process. */
final class StartCommand extends ContainerIdCommand {
    @Override
    public Integer call() {
        new ContainerStarter(jrunc.store()).start(containerId());
        return 0;
    }
}

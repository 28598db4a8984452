package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerFreezer;

/** {@code pause ID}: freezes every process of the container. */
final class PauseCommand extends ContainerIdCommand {
    @Override
    public Integer call() {
        new ContainerFreezer(jrunc.store()).pause(containerId());
        return 0;
    }
}

package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerFreezer;
import picocli.CommandLine.Command;

/** {@code pause ID}: freezes every process of the container. */
@Command(name = "pause", description = "suspend all processes of a container")
final class PauseCommand extends ContainerIdCommand {
    @Override
    public Integer call() {
        new ContainerFreezer(jrunc.store()).pause(containerId());
        return 0;
    }
}

package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerFreezer;

/** {@code resume ID}: thaws a paused container. */
final class ResumeCommand extends ContainerIdCommand {
    @Override
    public Integer call() {
        new ContainerFreezer(jrunc.store()).resume(containerId());
        return 0;
    }
}

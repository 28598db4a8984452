package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerFreezer;
import picocli.CommandLine.Command;

/** {@code resume ID}: thaws a paused container. */
@Command(name = "resume", description = "resume all processes of a paused container")
final class ResumeCommand extends ContainerIdCommand {
    @Override
    public Integer call() {
        new ContainerFreezer(jrunc.store()).resume(containerId());
        return 0;
    }
}

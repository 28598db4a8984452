package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerDeleter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code delete [--force] ID}: removes a container's cgroup and state. */
@Command(name = "delete", description = "delete a container's resources")
final class DeleteCommand extends ContainerIdCommand {
    @Option(names = {"--force", "-f"}, description = "kill a running container first; succeed if it does not exist")
    boolean force;

    @Override
    public Integer call() {
        new ContainerDeleter(jrunc.store(), jrunc.log()::warning).delete(containerId(), force);
        return 0;
    }
}

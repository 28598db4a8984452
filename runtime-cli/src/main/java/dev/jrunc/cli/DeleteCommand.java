package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerDeleter;

/** {@code delete [--force] ID}: removes a container's cgroup and state. */
final class DeleteCommand extends ContainerIdCommand {
    private boolean force;

    @Override
    void declare(OptionBinder options) {
        super.declare(options);
        options.flag("--force", "-f").description("kill a running container first; succeed if it does not exist")
                .to(v -> force = v);
    }

    @Override
    public Integer call() {
        new ContainerDeleter(jrunc.store(), jrunc.log()::warning).delete(containerId(), force);
        return 0;
    }
}

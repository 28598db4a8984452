package dev.jrunc.cli;

import dev.jrunc.container.create.ContainerCreator;

/** {@code create ID}: sets up a container whose init waits for {@code start} (create writes the pid file). */
final class CreateCommand extends ContainerIdCommand {
    final CreateFlags flags = new CreateFlags();

    @Override
    void declare(OptionBinder options) {
        super.declare(options);
        flags.declare(options);
    }

    @Override
    public Integer call() {
        String id = containerId();
        jrunc.requireCgroupfsDriver();
        new ContainerCreator(jrunc.store(), jrunc.log()::warning).create(flags.toOptions(id));
        return 0;
    }
}

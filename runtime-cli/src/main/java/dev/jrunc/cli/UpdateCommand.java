package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.lifecycle.ContainerUpdater;
import dev.jrunc.container.state.IoMessages;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.spec.Resources;
import dev.jrunc.spec.SpecReader;
import dev.jrunc.spec.SpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code update [options] ID}: changes the resource limits of a created, running or paused
 * container. The changes come from {@code --resources FILE} (a {@code linux.resources} document;
 * "-" reads stdin; the other resource flags are then ignored, as in runc) or from the flags;
 * what is not given stays as it is.
 */
final class UpdateCommand extends ContainerIdCommand {
    String resources = "";
    final UpdateFlags flags = new UpdateFlags();

    @Override
    void declare(OptionBinder options) {
        super.declare(options);
        options.option("--resources", "-r").label("FILE")
                .description("a resources document to apply (\"-\" for stdin); the other resource flags are then ignored")
                .to(String.class, v -> resources = v);
        flags.declare(options);
    }

    @Override
    public Integer call() {
        String id = containerId();
        jrunc.requireCgroupfsDriver();
        StateStore store = jrunc.store();
        store.require(id);
        Resources changes = resources.isEmpty() ? flags.toResources() : readResources();
        new ContainerUpdater(store, jrunc.log()::warning).update(id, changes, flags.l3CacheSchema, flags.memBwSchema);
        return 0;
    }

    private Resources readResources() {
        byte[] json;
        try {
            json = resources.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(resources));
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("open", resources, e), e);
        }
        String source = resources.equals("-") ? "resources" : resources;
        Resources r = SpecReader.parseResources(json, source);
        SpecValidator.validateResources(r, source);
        return r;
    }
}

package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerInspector;
import dev.jrunc.container.lifecycle.ContainerView;
import dev.jrunc.spec.StateWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code state ID}: the container's state as indented JSON. */
final class StateCommand extends ContainerIdCommand {
    @Override
    public Integer call() {
        ContainerView view = new ContainerInspector(jrunc.store()).inspect(containerId());
        PrintWriter out = spec.commandLine().getOut();
        out.println(new String(StateWriter.write(RuncStates.of(view, view.saved().owner())), StandardCharsets.UTF_8));
        out.flush();
        return 0;
    }
}

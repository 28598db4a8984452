package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerInspector;
import dev.jrunc.container.lifecycle.ContainerView;
import dev.jrunc.spec.StateWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code state ID}: the container's state as indented JSON. */
@Command(name = "state", description = "output the state of a container")
final class StateCommand implements Callable<Integer> {
    @ParentCommand
    JruncCommand jrunc;
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;
    @Parameters(paramLabel = "ID", arity = "0..*")
    List<String> args = List.of();

    @Override
    public Integer call() {
        ContainerView view = new ContainerInspector(jrunc.store()).inspect(Arguments.exactly(spec, args, 1).getFirst());
        PrintWriter out = spec.commandLine().getOut();
        out.println(new String(StateWriter.write(RuncStates.of(view, view.saved().owner())), StandardCharsets.UTF_8));
        out.flush();
        return 0;
    }
}

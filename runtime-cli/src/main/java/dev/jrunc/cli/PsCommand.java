package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerProcesses;
import dev.jrunc.container.state.JsonWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ps [--format json] ID}: the host pids in the container's cgroup. The JSON array is what
 * containerd reads; the table lists the pids only (runc's passing of ps(1) options is not
 * supported).
 */
@Command(name = "ps", description = "list the processes in a container")
final class PsCommand implements Callable<Integer> {
    @ParentCommand
    JruncCommand jrunc;
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;
    @Option(names = {"--format", "-f"}, paramLabel = "table|json", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;
    @Parameters(paramLabel = "ID", arity = "0..*")
    List<String> args = List.of();

    @Override
    public Integer call() {
        List<Integer> pids = new ContainerProcesses(jrunc.store()).pids(Arguments.exactly(spec, args, 1).getFirst());
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> {
                JsonWriter w = JsonWriter.compact().beginArray();
                pids.forEach(w::value);
                out.println(w.endArray());
            }
            case TABLE -> {
                out.println("PID");
                pids.forEach(out::println);
            }
        }
        out.flush();
        return 0;
    }
}

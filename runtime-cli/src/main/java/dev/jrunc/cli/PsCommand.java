package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerProcesses;
import dev.jrunc.spec.json.JsonWriter;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ps [--format json] ID}: the host pids in the container's cgroup. The JSON array is what
 * containerd reads; the table lists the pids only (runc's passing of ps(1) options is not
 * supported).
 */
@Command(name = "ps", description = "list the processes in a container")
final class PsCommand extends ContainerIdCommand {
    @Option(names = {"--format", "-f"}, paramLabel = "table|json", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Override
    public Integer call() {
        List<Integer> pids = new ContainerProcesses(jrunc.store()).pids(containerId());
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> {
                JsonWriter w = JsonWriter.compact().beginArray();
                for (int pid : pids) {
                    w.value(pid);
                }
                out.println(w.endArray());
            }
            case TABLE -> {
                out.println("PID");
                for (int pid : pids) {
                    out.println(pid);
                }
            }
        }
        out.flush();
        return 0;
    }
}

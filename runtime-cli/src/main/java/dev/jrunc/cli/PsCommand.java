package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerProcesses;
import dev.jrunc.spec.json.JsonWriter;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code ps [--format json] ID}: the host pids in the container's cgroup. The JSON array is what
 * containerd reads; the table lists the pids only (runc's passing of ps(1) options is not
 * supported).
 */
final class PsCommand extends ContainerIdCommand {
    private OutputFormat format;

    @Override
    void declare(OptionBinder options) {
        super.declare(options);
        options.option("--format", "-f").label("table|json").defaultValue("table")
                .description("table or json (default: ${DEFAULT-VALUE})").to(OutputFormat.class, v -> format = v);
    }

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

package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerInspector;
import dev.jrunc.container.lifecycle.ContainerView;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.spec.RuncState;
import dev.jrunc.spec.StateWriter;
import dev.jrunc.spec.json.Rfc3339;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;

/** {@code list}: every container, as runc's table, a JSON array, or ids only. */
final class ListCommand extends Subcommand {
    private OutputFormat format;
    private boolean quiet;
    private List<String> args = List.of();

    @Override
    void declare(OptionBinder options) {
        options.option("--format", "-f").label("table|json").defaultValue("table")
                .description("table or json (default: ${DEFAULT-VALUE})").to(OutputFormat.class, v -> format = v);
        options.flag("--quiet", "-q").description("print only the container ids").to(v -> quiet = v);
        options.arguments("ARG").hidden().to(v -> args = v);
    }

    @Override
    public Integer call() {
        Arguments.exactly(spec, args, 0);
        StateStore store = jrunc.store();
        List<ContainerView> views = new ContainerInspector(store).list();
        PrintWriter out = spec.commandLine().getOut();
        if (quiet) {
            views.forEach(v -> out.println(v.saved().id()));
            return 0;
        }
        switch (format) {
            case JSON -> {
                List<RuncState> states = views.stream().map(v -> RuncStates.of(v, owner(store, v))).toList();
                out.println(new String(StateWriter.writeList(states), StandardCharsets.UTF_8));
            }
            case TABLE -> {
                TabTable table = new TabTable().row("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER");
                for (ContainerView v : views) {
                    table.row(v.saved().id(), Integer.toString(v.pid()), v.status().specName(),
                            v.saved().bundle(), Rfc3339.nano(v.saved().created()), owner(store, v));
                }
                out.print(table);
            }
        }
        out.flush();
        return 0;
    }

    /** Like runc's list: the user owning the container's state directory. */
    private static String owner(StateStore store, ContainerView view) {
        try {
            return Files.getOwner(store.dir(view.saved().id()), LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException gone) {
            return "";
        }
    }
}

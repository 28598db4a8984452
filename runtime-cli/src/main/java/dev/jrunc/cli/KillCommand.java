package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerKiller;
import dev.jrunc.container.lifecycle.Signals;
import java.util.List;

/** {@code kill [--all] ID [SIGNAL]}: signals the init (or every process); SIGTERM by default. */
final class KillCommand extends Subcommand {
    private boolean all;
    private List<String> args = List.of();

    @Override
    void declare(OptionBinder options) {
        options.flag("--all", "-a").description("signal every process in the container's cgroup").to(v -> all = v);
        options.arguments("ID [SIGNAL]").to(v -> args = v);
    }

    @Override
    public Integer call() {
        List<String> a = Arguments.between(spec, args, 1, 2);
        int signal = Signals.parse(a.size() == 2 ? a.get(1) : "SIGTERM");
        new ContainerKiller(jrunc.store()).kill(a.getFirst(), signal, all);
        return 0;
    }
}

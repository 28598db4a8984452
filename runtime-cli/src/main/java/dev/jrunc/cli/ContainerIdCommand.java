package dev.jrunc.cli;

import java.util.List;

/**
 * A subcommand whose one argument is a container ID, e.g. {@code start ID}. Subclasses with
 * options of their own declare them after calling {@code super.declare(options)}.
 */
abstract class ContainerIdCommand extends Subcommand {
    // Any count is accepted here so that a wrong one fails with runc's wording (see Arguments).
    private List<String> args = List.of();

    @Override
    void declare(OptionBinder options) {
        options.arguments("ID").to(v -> args = v);
    }

    /** The container ID, after checking it is the only argument. */
    String containerId() {
        return Arguments.exactly(spec, args, 1).getFirst();
    }
}

package dev.jrunc.cli;

import java.util.List;
import picocli.CommandLine.Parameters;

/** A subcommand whose one argument is a container ID, e.g. {@code start ID}. */
abstract class ContainerIdCommand extends Subcommand {
    // Any count is accepted here so that a wrong one fails with runc's wording (see Arguments).
    @Parameters(paramLabel = "ID", arity = "0..*")
    List<String> args = List.of();

    /** The container ID, after checking it is the only argument. */
    String containerId() {
        return Arguments.exactly(spec, args, 1).getFirst();
    }
}

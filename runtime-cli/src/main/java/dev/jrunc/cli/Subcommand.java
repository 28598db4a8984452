package dev.jrunc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every subcommand has: the top-level command with runc's global options, its own picocli
 * model (for usage errors and output) and {@code -h/--help}. A subcommand declares its options
 * and arguments in {@link #declare}; {@link Subcommands} names it and builds its model.
 */
abstract class Subcommand implements Callable<Integer> {
    JruncCommand jrunc;
    CommandSpec spec;

    /** This command's picocli model, bound to this object, to run under {@code jrunc}. */
    final CommandSpec model(JruncCommand jrunc, String description) {
        this.jrunc = jrunc;
        spec = CommandSpec.wrapWithoutInspection(this);
        spec.usageMessage().description(description);
        OptionBinder options = new OptionBinder(spec);
        options.usageHelp();
        declare(options);
        return spec;
    }

    /** Declares this command's options and positional arguments. */
    abstract void declare(OptionBinder options);
}

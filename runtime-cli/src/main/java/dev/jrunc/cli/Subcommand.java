package dev.jrunc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand has: the top-level command with runc's global options, its own spec (for
 * usage errors and output) and {@code -h/--help}. Picocli fills these fields in subclasses too.
 */
abstract class Subcommand implements Callable<Integer> {
    @ParentCommand
    JruncCommand jrunc;
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;
}

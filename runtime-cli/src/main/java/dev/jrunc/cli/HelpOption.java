package dev.jrunc.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every subcommand. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show help")
    boolean help;
}

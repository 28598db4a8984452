package dev.jrunc.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Counts a command's positional arguments, failing with runc's wording. */
final class Arguments {
    private Arguments() {
    }

    static List<String> exactly(CommandSpec spec, List<String> args, int count) {
        if (args.size() != count) {
            throw usage(spec, "requires exactly " + count + " argument(s)");
        }
        return args;
    }

    static List<String> between(CommandSpec spec, List<String> args, int min, int max) {
        if (args.size() < min) {
            throw usage(spec, "requires a minimum of " + min + " argument(s)");
        }
        if (args.size() > max) {
            throw usage(spec, "requires a maximum of " + max + " argument(s)");
        }
        return args;
    }

    private static CommandLine.ParameterException usage(CommandSpec spec, String problem) {
        return new CommandLine.ParameterException(spec.commandLine(), "\"" + spec.name() + "\" " + problem);
    }
}

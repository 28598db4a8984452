package dev.jrunc.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * runc's subcommands by name, and the one a command line invokes. Picocli builds a command's
 * model by reading its annotations, which costs tens of milliseconds for all of them in a cold
 * JVM; a command line runs one subcommand, so only that one is registered. Help and unknown
 * names get them all, so usage and "did you mean" still list every command.
 */
final class Subcommands {
    private record Entry(String name, Supplier<Object> factory) {
    }

    private static final List<Entry> ALL = List.of(
            new Entry("create", CreateCommand::new),
            new Entry("start", StartCommand::new),
            new Entry("run", RunCommand::new),
            new Entry("state", StateCommand::new),
            new Entry("kill", KillCommand::new),
            new Entry("delete", DeleteCommand::new),
            new Entry("list", ListCommand::new),
            new Entry("pause", PauseCommand::new),
            new Entry("resume", ResumeCommand::new),
            new Entry("ps", PsCommand::new),
            new Entry("exec", ExecCommand::new),
            new Entry("events", EventsCommand::new),
            new Entry("update", UpdateCommand::new),
            new Entry("features", FeaturesCommand::new),
            new Entry("spec", SpecCommand::new));

    /** The global options (of {@link JruncCommand}) that take a value as the next argument. */
    static final Set<String> GLOBAL_OPTIONS_WITH_VALUE = Set.of("--root", "--log", "--log-format", "--rootless");

    private Subcommands() {
    }

    /** Every subcommand's name, in the order help lists them. */
    static List<String> names() {
        return ALL.stream().map(Entry::name).toList();
    }

    /** Adds to {@code top} the subcommand {@code args} invoke, or all of them when it names none we know. */
    static void register(CommandLine top, String[] args) {
        Optional<Entry> invoked = invokedName(args).flatMap(name -> ALL.stream().filter(e -> e.name().equals(name)).findFirst());
        if (invoked.isPresent()) {
            top.addSubcommand(invoked.get().name(), invoked.get().factory().get());
        } else {
            ALL.forEach(e -> top.addSubcommand(e.name(), e.factory().get()));
        }
    }

    /** The first argument that is neither a global option nor a global option's value. */
    static Optional<String> invokedName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                return Optional.of(arg);
            }
            if (GLOBAL_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            }
        }
        return Optional.empty();
    }
}

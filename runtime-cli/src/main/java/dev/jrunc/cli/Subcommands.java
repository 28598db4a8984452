package dev.jrunc.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * runc's subcommands: names, descriptions, and the one a command line invokes. A command line
 * runs one subcommand, so only that one's model is built and registered (each costs time in a
 * cold JVM); help and unknown names get them all, so usage and "did you mean" still list every
 * command.
 */
final class Subcommands {
    private record Entry(String name, String description, Supplier<Subcommand> factory) {
    }

    private static final List<Entry> ALL = List.of(
            new Entry("create", "create a container", CreateCommand::new),
            new Entry("start", "start a created container", StartCommand::new),
            new Entry("run", "create and run a container", RunCommand::new),
            new Entry("state", "output the state of a container", StateCommand::new),
            new Entry("kill", "send a signal (default SIGTERM) to the container's init", KillCommand::new),
            new Entry("delete", "delete a container's resources", DeleteCommand::new),
            new Entry("list", "list the containers in the state root", ListCommand::new),
            new Entry("pause", "suspend all processes of a container", PauseCommand::new),
            new Entry("resume", "resume all processes of a paused container", ResumeCommand::new),
            new Entry("ps", "list the processes in a container", PsCommand::new),
            new Entry("exec", "execute new process inside the container", ExecCommand::new),
            new Entry("events", "display container events such as OOM notifications, cpu, memory, and IO usage "
                    + "statistics", EventsCommand::new),
            new Entry("update", "update container resource constraints", UpdateCommand::new),
            new Entry("features", "show the enabled features", FeaturesCommand::new),
            new Entry("spec", "create a new specification file", SpecCommand::new));

    /** The global options (of {@link JruncCommand}) that take a value as the next argument. */
    static final Set<String> GLOBAL_OPTIONS_WITH_VALUE = Set.of("--root", "--log", "--log-format", "--rootless");

    private Subcommands() {
    }

    /** Every subcommand's name, in the order help lists them. */
    static List<String> names() {
        return ALL.stream().map(Entry::name).toList();
    }

    /**
     * Adds to {@code top} (the command line of a {@link JruncCommand}) the subcommand {@code args}
     * invoke, or all of them when it names none we know.
     */
    static void register(CommandLine top, String[] args) {
        JruncCommand jrunc = top.getCommand();
        Optional<Entry> invoked = invokedName(args).flatMap(name -> ALL.stream().filter(e -> e.name().equals(name)).findFirst());
        for (Entry e : invoked.map(List::of).orElse(ALL)) {
            top.addSubcommand(e.name(), e.factory().get().model(jrunc, e.description()));
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

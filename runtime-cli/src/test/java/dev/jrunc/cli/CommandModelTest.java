package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jrunc.container.create.CreateOptions;
import dev.jrunc.container.exec.ExecOptions;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The programmatic picocli model: every option of every command, its help, and that nothing is left to reflection. */
class CommandModelTest {
    @TempDir
    Path tmp;

    private static CommandLine commandLine(String... args) {
        return Main.commandLine(new JruncCommand(new PrintStream(OutputStream.nullOutputStream()), () -> CliRun.NOW), args);
    }

    /** "" for the top-level command, else a subcommand's name. */
    private static List<String> commands() {
        List<String> all = new ArrayList<>(List.of(""));
        all.addAll(Subcommands.names());
        return all;
    }

    private static CommandSpec spec(CommandLine top, String command) {
        return command.isEmpty() ? top.getCommandSpec() : top.getSubcommands().get(command).getCommandSpec();
    }

    private static List<OptionSpec> ownOptions(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    /** What to give an option and what picocli must make of it; an option of a new type needs a line here. */
    private record Sample(List<String> values, Object expected) {
        static Sample of(OptionSpec o) {
            Class<?> type = o.type();
            if (type == boolean.class) {
                return new Sample(List.of(), true);
            }
            if (type == List.class) {
                Class<?> element = o.auxiliaryTypes()[0];
                if (element == String.class) {
                    return new Sample(List.of("a=1", "b"), List.of("a=1", "b"));
                }
                if (element == Long.class) {
                    return new Sample(List.of("5", "6"), List.of(5L, 6L));
                }
            }
            if (type == String.class) {
                return new Sample(List.of("some value"), "some value");
            }
            if (type == Path.class) {
                return new Sample(List.of("/some/path"), Path.of("/some/path"));
            }
            if (type == int.class) {
                return new Sample(List.of("7"), 7);
            }
            if (type == long.class || type == Long.class) {
                return new Sample(List.of("8"), 8L);
            }
            if (type.isEnum()) {
                Object last = type.getEnumConstants()[type.getEnumConstants().length - 1];
                // runc spells the values in lower case; picocli is told to accept any case.
                return new Sample(List.of(last.toString().toLowerCase(Locale.ROOT)), last);
            }
            return fail("no sample value for " + o.longestName() + " of type " + type);
        }
    }

    @Test
    void everyOptionOfEveryCommandParsesUnderEachNameAndInEachForm() {
        int checked = 0;
        for (String command : commands()) {
            for (OptionSpec option : ownOptions(spec(commandLine(command), command))) {
                Sample sample = Sample.of(option);
                for (String name : option.names()) {
                    for (List<String> given : forms(name, sample.values())) {
                        List<String> args = new ArrayList<>();
                        if (!command.isEmpty()) {
                            args.add(command);
                        }
                        args.addAll(given);
                        if (!command.isEmpty()) {
                            args.add("id");
                        }
                        CommandLine top = commandLine(args.toArray(String[]::new));
                        top.parseArgs(args.toArray(String[]::new));
                        CommandSpec spec = spec(top, command);
                        String what = String.join(" ", args);
                        assertEquals(sample.expected(), spec.findOption(name).getValue(), what);
                        if (!command.isEmpty()) {
                            assertEquals(List.of("id"), spec.positionalParameters().getFirst().getValue(), what);
                        }
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 60, "only " + checked + " option forms");
    }

    /** {@code --name value} and {@code --name=value}, or {@code -n value} and {@code -nvalue}; a flag alone. */
    private static List<List<String>> forms(String name, List<String> values) {
        if (values.isEmpty()) {
            return List.of(List.of(name));
        }
        List<String> separate = new ArrayList<>();
        List<String> attached = new ArrayList<>();
        for (String v : values) {
            separate.addAll(List.of(name, v));
            attached.add(name.startsWith("--") ? name + "=" + v : name + v);
        }
        return List.of(separate, attached);
    }

    @Test
    void helpListsEveryOptionWithItsValueAndDescription() {
        for (String command : commands()) {
            CliRun r = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
            assertEquals(0, r.exitCode(), command);
            // Long descriptions wrap onto indented lines.
            String help = r.out().replaceAll("\\s+", " ");
            CommandSpec spec = spec(commandLine(command), command);
            assertTrue(help.contains(String.join(" ", spec.usageMessage().description())), help);
            for (OptionSpec o : spec.options()) {
                if (o.hidden()) {
                    for (String name : o.names()) {
                        assertFalse(help.contains(" " + name + " ") || help.contains(" " + name + "="), name + " is hidden");
                    }
                    continue;
                }
                for (String name : o.names()) {
                    String shown = o.arity().max() > 0 ? name + "=" + o.paramLabel() : name;
                    assertTrue(help.contains(shown) || help.contains(name + ", ") || help.contains(", " + shown), command + ": " + shown + " in " + help);
                }
                String description = String.join(" ", o.description());
                assertFalse(description.isBlank(), o.longestName());
                assertTrue(help.contains(description.replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))),
                        command + ": " + description + " in " + help);
            }
        }
    }

    @Test
    void theTopLevelHelpListsEveryCommand() {
        String help = CliRun.of("--help").out();
        for (String command : Subcommands.names()) {
            assertTrue(help.contains("\n  " + command + " "), command);
        }
    }

    @Test
    void defaultsApplyWhenAnOptionIsNotGiven() {
        CommandLine top = commandLine("create", "id");
        top.parseArgs("create", "id");
        CreateCommand create = assertInstanceOf(CreateCommand.class, top.getSubcommands().get("create").getCommand());
        assertEquals(new CreateOptions("id", Path.of("").toAbsolutePath(), null, null, false, false, 0),
                create.flags.toOptions("id"));
        assertEquals(Path.of("/run/jrunc"), top.getCommandSpec().findOption("--root").getValue());
        assertEquals(LogFormat.TEXT, top.getCommandSpec().findOption("--log-format").getValue());
        assertEquals(Rootless.AUTO, top.getCommandSpec().findOption("--rootless").getValue());
    }

    @Test
    void createAndRunGetTheirFlags() {
        for (String command : List.of("create", "run")) {
            String[] args = {command, "-b", "/b/../bundle", "--pid-file", "p", "--console-socket=/s", "--no-pivot",
                    "--no-new-keyring", "--preserve-fds", "2", "id"};
            CommandLine top = commandLine(args);
            top.parseArgs(args);
            CreateFlags flags = switch (top.getSubcommands().get(command).<Subcommand>getCommand()) {
                case CreateCommand c -> c.flags;
                case RunCommand r -> r.flags;
                default -> fail(command);
            };
            assertEquals(new CreateOptions("id", Path.of("/bundle"), Path.of("p").toAbsolutePath(), Path.of("/s"), true, true, 2),
                    flags.toOptions("id"));
        }
        String[] detached = {"run", "--detach", "id"};
        CommandLine top = commandLine(detached);
        top.parseArgs(detached);
        assertTrue(top.getSubcommands().get("run").<RunCommand>getCommand().detach);
    }

    @Test
    void execGetsItsOverridesAndTakesTheCommandVerbatim() {
        String[] args = {"exec", "-t", "--cwd", "/work", "-e", "A=b", "--env=C=d", "-u", "5:6", "-g", "7", "--cap", "kill",
                "-c", "CAP_CHOWN", "--no-new-privs", "--pid-file", "/p", "--console-socket", "/s", "-d",
                "--preserve-fds", "1", "c1", "sh", "-c", "echo -e"};
        CommandLine top = commandLine(args);
        top.parseArgs(args);
        ExecCommand exec = top.getSubcommands().get("exec").getCommand();
        assertEquals("c1", exec.containerId());
        assertEquals(List.of("sh", "-c", "echo -e"), exec.command());

        SpecProcess base = SpecCommand.example(false).process();
        Spec config = SpecCommand.example(false);
        SpecProcess p = exec.fromConfig(config, exec.command());
        assertEquals(List.of("sh", "-c", "echo -e"), p.args());
        assertTrue(p.terminal());
        assertEquals("/work", p.cwd());
        assertEquals(Stream.concat(base.env().stream(), Stream.of("A=b", "C=d")).toList(), p.env());
        assertEquals(5, p.user().uid());
        assertEquals(6, p.user().gid());
        assertEquals(List.of(7L), p.user().additionalGids());
        assertTrue(p.capabilities().bounding().containsAll(List.of("CAP_KILL", "CAP_CHOWN")), p.capabilities().toString());
        assertTrue(p.noNewPrivileges());
        assertEquals(new ExecOptions("c1", p, Path.of("/p"), Path.of("/s"), true, 1), exec.options("c1", p));
    }

    @Test
    void execWithoutOptionsUsesTheContainersProcess() {
        String[] args = {"exec", "c1", "true"};
        CommandLine top = commandLine(args);
        top.parseArgs(args);
        ExecCommand exec = top.getSubcommands().get("exec").getCommand();
        SpecProcess base = SpecCommand.example(false).process();
        SpecProcess p = exec.fromConfig(SpecCommand.example(false), exec.command());
        assertEquals(List.of("true"), p.args());
        assertEquals(base.env(), p.env());
        assertEquals(base.user(), p.user());
        assertEquals(base.capabilities(), p.capabilities());
        assertEquals(new ExecOptions("c1", p, null, null, false, 0), exec.options("c1", p));
    }

    @Test
    void execReadsTheProcessFile() throws IOException {
        Path file = tmp.resolve("process.json");
        Files.writeString(file, "{\"terminal\": false, \"user\": {\"uid\": 0, \"gid\": 0}, \"args\": [\"ls\"], \"cwd\": \"/\"}");
        for (String flag : List.of("--process", "-p")) {
            String[] args = {"exec", flag, file.toString(), "--tty", "c1"};
            CommandLine top = commandLine(args);
            top.parseArgs(args);
            SpecProcess p = top.getSubcommands().get("exec").<ExecCommand>getCommand().readProcess();
            assertEquals(List.of("ls"), p.args());
            assertTrue(p.terminal(), "--tty gives the process a terminal");
        }
    }

    @Test
    void theLogUsesTheGlobalOptionsParsedBeforeAFailure() throws IOException {
        Path json = tmp.resolve("json.log");
        Path text = tmp.resolve("text.log");
        CliRun late = CliRun.of("--log", json.toString(), "--log-format", "json", "state", "--bogus", "x");
        assertEquals(new CliRun(1, "", "jrunc: Unknown option: '--bogus'\n"), late);
        assertEquals("{\"level\":\"error\",\"msg\":\"jrunc: Unknown option: '--bogus'\",\"time\":\"2024-05-01T12:20:30+02:00\"}\n",
                Files.readString(json));
        // --log-format comes after the failure: the log is in the default text format.
        CliRun early = CliRun.of("--log", text.toString(), "--rootless", "maybe", "--log-format", "json", "list");
        assertEquals(1, early.exitCode());
        assertTrue(Files.readString(text).startsWith("time=\"2024-05-01T12:20:30+02:00\" level=error msg=\"jrunc: Invalid value for option '--rootless'"),
                Files.readString(text));
    }

    @Test
    void noPicocliAnnotationIsLeft() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> walk = Files.walk(classes)) {
            names = walk.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.startsWith("dev/jrunc/cli/") && n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        assertTrue(names.size() > 20, names.toString());
        for (String name : names) {
            Class<?> c = Class.forName(name, false, Main.class.getClassLoader());
            List<AnnotatedElement> elements = new ArrayList<>(List.of(c));
            elements.addAll(Arrays.asList(c.getDeclaredFields()));
            elements.addAll(Arrays.asList(c.getDeclaredMethods()));
            elements.addAll(Arrays.asList(c.getDeclaredConstructors()));
            for (AnnotatedElement e : elements) {
                for (Annotation a : e.getDeclaredAnnotations()) {
                    assertFalse(a.annotationType().getName().startsWith("picocli."),
                            e + " has " + a + ": declare it through OptionBinder (picocli's annotations are read by reflection at every start)");
                }
            }
        }
    }
}

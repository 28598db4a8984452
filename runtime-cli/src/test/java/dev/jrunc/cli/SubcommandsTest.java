package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubcommandsTest {
    private static CommandLine top() {
        return new CommandLine(new JruncCommand(new PrintStream(OutputStream.nullOutputStream()), () -> CliRun.NOW).model());
    }

    @Test
    void theScannerKnowsEveryGlobalOptionThatTakesAValue() {
        Set<String> withValue = top().getCommandSpec().options().stream()
                .filter(o -> o.arity().max() > 0)
                .flatMap(o -> List.of(o.names()).stream())
                .collect(Collectors.toSet());
        assertEquals(withValue, Subcommands.GLOBAL_OPTIONS_WITH_VALUE);
    }

    @Test
    void findsTheSubcommandAfterGlobalOptions() {
        assertEquals(Optional.of("state"), Subcommands.invokedName(new String[] {"--root", "/run/x", "state", "id"}));
        assertEquals(Optional.of("kill"), Subcommands.invokedName(
                new String[] {"--root=/run/x", "--debug", "--log", "kill", "--log-format", "json", "kill", "id"}));
        assertEquals(Optional.of("exec"), Subcommands.invokedName(new String[] {"exec", "id", "state"}));
        assertEquals(Optional.empty(), Subcommands.invokedName(new String[] {"--log-format", "json", "--help"}));
        assertEquals(Optional.empty(), Subcommands.invokedName(new String[0]));
    }

    @Test
    void registersOnlyTheInvokedSubcommand() {
        CommandLine top = top();
        Subcommands.register(top, new String[] {"--root", "/run/x", "ps", "--format", "json", "id"});
        assertEquals(Set.of("ps"), top.getSubcommands().keySet());
    }

    @Test
    void registersAllForHelpAndUnknownNames() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"no-such-command"}, new String[0])) {
            CommandLine top = top();
            Subcommands.register(top, args);
            assertEquals(Subcommands.names(), List.copyOf(top.getSubcommands().keySet()));
        }
        assertEquals(15, Subcommands.names().size());
    }

    @Test
    void everySubcommandRunsUnderTheTopCommandWithADescriptionAndHelp() {
        CommandLine top = top();
        Subcommands.register(top, new String[0]);
        top.getSubcommands().forEach((name, sub) -> {
            assertEquals(name, sub.getCommandName());
            assertSame(top.getCommand(), sub.<Subcommand>getCommand().jrunc, name);
            assertEquals(1, sub.getCommandSpec().usageMessage().description().length, name);
            assertTrue(sub.getCommandSpec().findOption("--help").usageHelp(), name);
            assertTrue(sub.getCommandSpec().findOption("-h").usageHelp(), name);
        });
    }
}

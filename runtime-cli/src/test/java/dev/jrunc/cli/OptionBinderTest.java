package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class OptionBinderTest {
    /** A command with one option of each kind OptionBinder declares. */
    private static final class Probe implements Callable<Integer> {
        boolean flag;
        boolean oldFlag;
        long count = -1;
        Long boxed;
        Path path;
        LogFormat format;
        String old = "unset";
        List<String> each = List.of();
        List<String> args = List.of();

        CommandLine commandLine() {
            CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("probe");
            OptionBinder o = new OptionBinder(spec);
            o.flag("--flag", "-f").description("a flag").to(v -> flag = v);
            o.option("--count", "-n").label("N").defaultValue("3").description("how many (default: ${DEFAULT-VALUE})")
                    .to(long.class, v -> count = v);
            o.option("--boxed").label("B").description("absent means null").to(Long.class, v -> boxed = v);
            o.option("--path").label("PATH").description("a path").to(Path.class, v -> path = v);
            o.option("--format").label("text|json").defaultValue("text").description("a format")
                    .to(LogFormat.class, v -> format = v);
            o.option("--each", "-e").label("E").description("repeatable").toList(String.class, v -> each = v);
            o.option("--old").label("X").description("obsolete").hidden().to(String.class, v -> old = v);
            o.flag("--old-flag").description("obsolete too").hidden().to(v -> oldFlag = v);
            o.arguments("ARG").to(v -> args = v);
            o.usageHelp();
            return new CommandLine(spec);
        }

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void everyKindOfOptionReachesItsSetter() {
        Probe p = new Probe();
        p.commandLine().parseArgs("-f", "--count=5", "--boxed", "9", "--path", "/x/y", "--format", "JSON", "-e", "a",
                "--each=b", "-ec", "--old", "o", "--old-flag", "a1", "a2");
        assertTrue(p.flag);
        assertEquals(5, p.count);
        assertEquals(9L, p.boxed);
        assertEquals(Path.of("/x/y"), p.path);
        assertEquals(LogFormat.JSON, p.format);
        assertEquals(List.of("a", "b", "c"), p.each);
        assertEquals("o", p.old);
        assertTrue(p.oldFlag);
        assertEquals(List.of("a1", "a2"), p.args);
    }

    @Test
    void absentOptionsGetTheirDefaultOrKeepTheCommandsValue() {
        Probe p = new Probe();
        p.commandLine().parseArgs();
        assertFalse(p.flag);
        assertEquals(3, p.count);
        assertNull(p.boxed);
        assertNull(p.path);
        assertEquals(LogFormat.TEXT, p.format);
        assertEquals("unset", p.old);
        assertEquals(List.of(), p.each);
        assertEquals(List.of(), p.args);
    }

    @Test
    void badValuesAreUsageErrors() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> new Probe().commandLine().parseArgs("--count", "many"));
        assertEquals("Invalid value for option '--count': 'many' is not a long", e.getMessage());
        e = assertThrows(CommandLine.ParameterException.class, () -> new Probe().commandLine().parseArgs("--format", "xml"));
        assertEquals("Invalid value for option '--format': expected one of [TEXT, JSON] (case-insensitive) but was 'xml'",
                e.getMessage());
    }

    @Test
    void helpShowsLabelsAndDefaultsButNotHiddenOptions() {
        String help = new Probe().commandLine().getUsageMessage();
        assertTrue(help.contains("-n, --count=N"), help);
        assertTrue(help.contains("how many (default: 3)"), help);
        assertTrue(help.contains("-e, --each=E"), help);
        assertTrue(help.contains("[ARG...]"), help);
        assertTrue(help.contains("-h, --help"), help);
        assertFalse(help.contains("--old"), help);
    }
}

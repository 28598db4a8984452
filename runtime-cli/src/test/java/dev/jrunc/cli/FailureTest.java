package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.InvalidSpecException;
import dev.jrunc.sys.Errno;
import dev.jrunc.sys.SyscallException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FailureTest {
    @Test
    void reportedFailuresKeepTheirMessageAndStatus() {
        assertEquals(new Failure("exec failed", 255, false), Failure.of(new ContainerException("exec failed", 255, null)));
        assertEquals(new Failure("config.json: process.args: must not be empty", 1, false),
                Failure.of(new InvalidSpecException("config.json", "process.args", "must not be empty")));
        assertEquals(new Failure("kill(pid=1, sig=9): Operation not permitted (EPERM)", 1, false),
                Failure.of(new SyscallException("kill", "pid=1, sig=9", Errno.EPERM)));
        assertEquals(new Failure("/x/config.json: no such file or directory", 1, false),
                Failure.of(new UncheckedIOException(new NoSuchFileException("/x/config.json"))));
        assertEquals(new Failure("disk on fire", 1, false), Failure.of(new IOException("disk on fire")));
    }

    @Test
    void messagesStayOnOneLine() {
        assertEquals("a b c", Failure.of(new ContainerException("a\nb\r\nc")).message());
    }

    @Test
    void hugeMessagesKeepTheirStartAndEnd() {
        String message = "hostname: sethostname(name=\"" + "h".repeat(100_000) + "\"): Invalid argument (EINVAL)";
        String shown = Failure.of(new ContainerException(message)).message();
        assertEquals(Failure.MAX_CHARS, shown.length());
        assertTrue(shown.startsWith("hostname: sethostname(name=\"hhh"), shown);
        assertTrue(shown.contains("h ... h"), shown);
        assertTrue(shown.endsWith("hhh\"): Invalid argument (EINVAL)"), shown);
        String fits = "x".repeat(Failure.MAX_CHARS);
        assertEquals(fits, Failure.of(new ContainerException(fits)).message());
    }

    @Test
    void bugsAreOneLineNamingTheClass() {
        Failure f = Failure.of(new NullPointerException("boom"));
        assertEquals(new Failure("internal error: java.lang.NullPointerException: boom", 1, true), f);
    }

    @Test
    void stackTracesOnlyWithDebug() {
        assertEquals("internal error: java.lang.IllegalStateException: bug\n", report(false));
        String withDebug = report(true);
        assertTrue(withDebug.startsWith("internal error: java.lang.IllegalStateException: bug\njava.lang.IllegalStateException: bug\n\tat "),
                withDebug);
        assertFalse(report(false).contains("\tat "));
    }

    private static String report(boolean debug) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        JruncCommand top = new JruncCommand(stderr, () -> CliRun.NOW);
        new CommandLine(top.model()).parseArgs(debug ? new String[] {"--debug"} : new String[0]);
        int rc = new FailureHandler(top, stderr).report(new IllegalStateException("bug"));
        assertEquals(1, rc);
        return err.toString(StandardCharsets.UTF_8);
    }
}

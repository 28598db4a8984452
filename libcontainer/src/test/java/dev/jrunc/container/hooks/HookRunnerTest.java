package dev.jrunc.container.hooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.spec.Hook;
import dev.jrunc.spec.State;
import dev.jrunc.spec.StateWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookRunnerTest {
    private static final State STATE = new State("1.3.0", "c1", ContainerStatus.CREATING, 4242, "/b/c1",
            Map.of("k", "v"));

    @TempDir
    Path dir;

    private static Hook sh(String script, List<String> env, Integer timeout) {
        return new Hook("/bin/sh", List.of("my-hook", "-c", script), env, timeout);
    }

    private static Hook sh(String script) {
        return sh(script, List.of(), null);
    }

    @Test
    void passesExactlyArgsAndEnvWithArgvZeroFromArgs() throws Exception {
        Path out = dir.resolve("out");
        new HookRunner(dir).run("prestart", List.of(new Hook("/bin/sh",
                List.of("my-hook", "-c", "tr '\\0' ' ' < /proc/$$/cmdline > " + out + "; echo >> " + out
                        + "; env | grep -v '^PWD=' | sort >> " + out, "arg0", "arg1"),
                List.of("FOO=bar", "EMPTY="), null)), STATE);
        String text = Files.readString(out);
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("my-hook -c "), text);
        assertTrue(lines[0].endsWith(" arg0 arg1 "), text);
        // No inherited environment (sh itself may add PWD, SHLVL or _).
        List<String> env = List.of(lines).subList(1, lines.length).stream()
                .filter(l -> !l.startsWith("SHLVL=") && !l.startsWith("_=")).toList();
        assertEquals(List.of("EMPTY=", "FOO=bar"), env, text);
    }

    @Test
    void withoutArgsArgvZeroIsThePath() throws Exception {
        Path out = dir.resolve("out");
        Path script = dir.resolve("hook.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$0 $#\" > " + out + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        new HookRunner(dir).run("poststop", List.of(new Hook(script.toString(), List.of(), List.of(), null)), STATE);
        assertEquals(script + " 0\n", Files.readString(out));
    }

    @Test
    void writesTheCompactStateOnStdinAndRunsInCwd() throws Exception {
        Path out = dir.resolve("state");
        Path cwd = dir.resolve("bundle");
        Files.createDirectory(cwd);
        new HookRunner(cwd).run("createRuntime", List.of(sh("cat > " + out + "; pwd -P > " + dir.resolve("cwd"))), STATE);
        assertArrayEquals(StateWriter.writeCompact(STATE), Files.readAllBytes(out));
        assertEquals("{\"ociVersion\":\"1.3.0\",\"id\":\"c1\",\"status\":\"creating\",\"pid\":4242,\"bundle\":\"/b/c1\","
                + "\"annotations\":{\"k\":\"v\"}}", Files.readString(out));
        assertEquals(cwd.toRealPath() + "\n", Files.readString(dir.resolve("cwd")));
    }

    @Test
    void aMissingCwdLeavesTheRunnersOwn() throws Exception {
        Path out = dir.resolve("ran");
        new HookRunner(dir.resolve("gone")).run("poststop", List.of(sh("touch " + out)), STATE);
        assertTrue(Files.exists(out));
    }

    @Test
    void aHookThatIgnoresAHugeStateStillSucceeds() {
        Map<String, String> big = new HashMap<>();
        big.put("big", "x".repeat(1 << 20));
        State state = new State("1.3.0", "c1", ContainerStatus.RUNNING, 1, "/b", big);
        new HookRunner(dir).run("poststart", List.of(sh("exit 0")), state);
    }

    @Test
    void nonZeroExitNamesTheFieldPathStatusAndFirstStderrLine() {
        HookRunner.HookException e = assertThrows(HookRunner.HookException.class, () -> new HookRunner(dir)
                .run("poststart", List.of(sh("exit 0"), sh("echo out; echo >&2; echo '  first  ' >&2; echo second >&2; exit 7")),
                        STATE));
        assertEquals("hooks.poststart[1] (/bin/sh) failed: exit status 7: first", e.getMessage());
    }

    @Test
    void aSignalIsAFailure() {
        HookRunner.HookException e = assertThrows(HookRunner.HookException.class,
                () -> new HookRunner(dir).run("prestart", List.of(sh("kill -9 $$")), STATE));
        assertEquals("hooks.prestart[0] (/bin/sh) failed: killed by signal 9", e.getMessage());
    }

    @Test
    void aHookPastItsTimeoutIsKilled() throws Exception {
        Path pidFile = dir.resolve("pid");
        long start = System.nanoTime();
        HookRunner.HookException e = assertThrows(HookRunner.HookException.class, () -> new HookRunner(dir)
                .run("createContainer", List.of(sh("echo $$ > " + pidFile + "; exec sleep 30", List.of(), 1)), STATE));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("hooks.createContainer[0] (/bin/sh) timed out after 1s", e.getMessage());
        assertTrue(millis >= 900 && millis < 10_000, "took " + millis + " ms");
        String pid = Files.readString(pidFile).strip();
        assertFalse(Files.exists(Path.of("/proc", pid, "cmdline")) && Files.readString(Path.of("/proc", pid, "cmdline"))
                .startsWith("sleep"), "the hook is still running");
    }

    @Test
    void aHookWithinItsTimeoutSucceeds() {
        new HookRunner(dir).run("poststart", List.of(sh("exit 0", List.of(), 5)), STATE);
    }

    @Test
    void aMissingExecutableNamesTheHook() {
        HookRunner.HookException e = assertThrows(HookRunner.HookException.class, () -> new HookRunner(dir)
                .run("prestart", List.of(new Hook("/nonexistent/hook", List.of(), List.of(), null)), STATE));
        assertTrue(e.getMessage().startsWith("hooks.prestart[0] (/nonexistent/hook) failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }

    @Test
    void runStopsAtTheFirstFailureAndRunAllDoesNot() throws Exception {
        Path log = dir.resolve("log");
        List<Hook> hooks = List.of(sh("echo 0 >> " + log), sh("exit 1"), new Hook("/bin/false", List.of(), List.of(), null),
                sh("echo 3 >> " + log));
        assertThrows(HookRunner.HookException.class, () -> new HookRunner(dir).run("poststart", hooks, STATE));
        assertEquals("0\n", Files.readString(log));

        Files.delete(log);
        List<String> failures = new HookRunner(dir).runAll("poststop", hooks, STATE);
        assertEquals(List.of("hooks.poststop[1] (/bin/sh) failed: exit status 1",
                "hooks.poststop[2] (/bin/false) failed: exit status 1"), failures);
        assertEquals("0\n3\n", Files.readString(log));
    }

    @Test
    void hooksRunInOrder() throws Exception {
        Path log = dir.resolve("log");
        new HookRunner(null).run("createRuntime", List.of(sh("echo a >> " + log), sh("echo b >> " + log),
                sh("echo c >> " + log)), STATE);
        assertEquals("a\nb\nc\n", Files.readString(log));
    }
}

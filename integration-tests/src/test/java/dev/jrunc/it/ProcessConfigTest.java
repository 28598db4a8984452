package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The process object and the identity settings: hostname, cwd, env, user, umask, rlimits. */
class ProcessConfigTest extends ContainerTestSupport {

    @Test
    void theHostnameIsSet() {
        RuntimeResult run = runShell(newBundle().hostname("jrunc-it-host"), "hostname");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("jrunc-it-host", run.stdout().strip());
    }

    @Test
    void theDomainnameIsSet() {
        RuntimeResult run = runShell(newBundle().domainname("jrunc-it.example"), "cat /proc/sys/kernel/domainname");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("jrunc-it.example", run.stdout().strip());
    }

    @Test
    void theProcessStartsInCwd() {
        RuntimeResult run = runShell(newBundle().cwd("/etc"), "pwd");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("/etc", run.stdout().strip());
    }

    @Test
    void theProcessGetsExactlyTheConfiguredEnvironment() {
        RuntimeResult run = runShell(newBundle().env("PATH=/bin", "GREETING=hello, world", "EMPTY="),
                "echo \"$GREETING\"; env");

        assertEquals(0, run.exitCode(), run::describe);
        List<String> lines = run.stdout().lines().toList();
        assertEquals("hello, world", lines.getFirst());
        assertTrue(lines.containsAll(List.of("PATH=/bin", "GREETING=hello, world", "EMPTY=")), run::describe);
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("TERM=")), "TERM was not configured\n"
                + run.describe());
    }

    @Test
    void theProcessRunsAsTheConfiguredUserAndGroups() {
        RuntimeResult run = runShell(newBundle().user(1000, 1000, 5, 100),
                "grep -E '^(Uid|Gid|Groups):' /proc/self/status; id -un");

        assertEquals(0, run.exitCode(), run::describe);
        List<String> lines = run.stdout().lines().map(line -> String.join(" ", line.strip().split("\\s+"))).toList();
        assertEquals(List.of("Uid: 1000 1000 1000 1000", "Gid: 1000 1000 1000 1000", "Groups: 5 100", "jrunc"),
                lines, run::describe);
    }

    @Test
    void theUmaskIsApplied() {
        RuntimeResult run = runShell(newBundle().umask(0027), "umask");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("0027", run.stdout().strip());
    }

    @Test
    void rlimitsAreApplied() {
        RuntimeResult run = runShell(newBundle().rlimit("RLIMIT_NOFILE", 123, 456),
                "grep 'Max open files' /proc/self/limits");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(List.of("Max", "open", "files", "123", "456", "files"),
                List.of(run.stdout().strip().split("\\s+")), run::describe);
    }

    @Test
    void theArgsAreExecutedVerbatim() {
        RuntimeResult run = runtime.run(runtime.newContainerId(),
                newBundle().args("echo", "two  spaces", "*", "$HOME", "'quoted'"));

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("two  spaces * $HOME 'quoted'", run.stdout().strip());
    }
}

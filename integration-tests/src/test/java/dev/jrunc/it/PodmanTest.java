package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.it.harness.Cgroups;
import dev.jrunc.it.harness.CommandInput;
import dev.jrunc.it.harness.CommandResult;
import dev.jrunc.it.harness.ItEnvironment;
import dev.jrunc.it.harness.Leftovers;
import dev.jrunc.it.harness.Podman;
import dev.jrunc.it.harness.Poll;
import dev.jrunc.it.harness.ProcFs;
import dev.jrunc.it.harness.PseudoTerminal;
import dev.jrunc.it.harness.TestImage;
import dev.jrunc.it.harness.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * podman 4.3 with conmon 2.1 driving the runtime under test through {@code --runtime}: conmon's
 * create and exec, podman's own start, kill, pause, resume and delete, as the engine contract
 * (../shared/docs/engine-contract.md) describes them. One private podman configuration serves the
 * whole class; see {@link Podman} for the two containers.conf settings that stand in for
 * podman's defaults, and {@link #theDefaultPidsLimitReachesTheContainersCgroup} for the default
 * resource setting itself.
 */
class PodmanTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final int SIGTERM = 15;
    private static final int SIGUSR1 = 10;

    private static Podman podman;

    private final List<String> names = new ArrayList<>();

    // Per test rather than per class, so that reports count every skipped test with the reason.
    @BeforeEach
    void startPodman() {
        ItEnvironment.current().assumeCanRunContainers();
        if (podman == null) {
            podman = Podman.start(ItEnvironment.current().runtimeBinary());
        }
    }

    @AfterEach
    void removeContainers() {
        if (podman != null) {
            for (String name : names) {
                podman.podman("rm", "--force", "--time", "0", name);
            }
        }
    }

    @AfterAll
    static void stopPodman() {
        if (podman != null) {
            podman.close();
            podman = null;
        }
    }

    @Test
    void runRmReturnsTheExitCodeAndLeavesNothingBehind() throws IOException {
        String name = newName();
        Path cidFile = podman.scratchPath(name + ".cid");

        CommandResult run = podman.podman(runArgs(name, List.of("--rm", "--cidfile", cidFile.toString()), "sh", "-c",
                "echo hello; echo to stderr >&2; exit 3"));

        assertEquals(3, run.exitCode(), run::describe);
        assertEquals("hello\n", run.stdout(), run::describe);
        assertEquals("to stderr\n", run.stderr(), run::describe);
        String id = Files.readString(cidFile).strip();
        assertEquals(64, id.length(), () -> "container id " + id);
        assertEquals("", podman.podman("ps", "--all", "--quiet", "--filter", "name=" + name).stdout());
        assertNoRuntimeState(id);
        assertEquals(List.of(), Leftovers.processesMentioning(id));
    }

    @Test
    void execRunsInTheContainerWithItsExitCodeStdinAndErrors() {
        String name = startSleeping();

        CommandResult exec = podman.podman("exec", name, "sh", "-c",
                "echo from exec; cat /proc/1/cmdline | tr '\\0' ' '; echo; exit 4");
        CommandResult withStdin = podman.podman(CommandInput.text("some input\n"),
                List.of("exec", "--interactive", name, "sh", "-c", "read line; echo \"got $line\""));
        CommandResult missing = podman.podman("exec", name, "/no/such/binary");

        assertEquals(4, exec.exitCode(), exec::describe);
        assertEquals("from exec\nsleep 1000 \n", exec.stdout(), exec::describe);
        assertEquals(0, withStdin.exitCode(), withStdin::describe);
        assertEquals("got some input\n", withStdin.stdout(), withStdin::describe);
        // podman maps the runtime's "no such file or directory" to 127.
        assertEquals(127, missing.exitCode(), missing::describe);
        assertTrue(missing.stderr().contains("no such file or directory"), missing::describe);
        assertEquals("running", status(name));
    }

    @Test
    void aTtyRunAndATtyExecGetTerminalsOfTheCallersSize() {
        String name = newName();

        CommandResult run = podman.podmanOnTerminal(33, 111, runArgs(name, List.of("--rm", "--tty"), "sh", "-c",
                "tty; stty size; exit 5"));
        String sleeping = startSleeping();
        CommandResult exec = podman.podmanOnTerminal(24, 80, List.of("exec", "--tty", sleeping, "sh", "-c",
                "tty; stty size; exit 2"));

        assertEquals(5, run.exitCode(), run::describe);
        assertTrue(PseudoTerminal.text(run).contains("/dev/pts/0\n33 111\n"), run::describe);
        assertEquals(2, exec.exitCode(), exec::describe);
        assertTrue(PseudoTerminal.text(exec).matches("(?s).*/dev/pts/\\d+\n24 80\n.*"), exec::describe);
    }

    @Test
    void stopSendsSigtermAndThenSigkill() {
        String trapping = newName();
        CommandResult run = podman.podman(runArgs(trapping, List.of("--detach"), "sh", "-c",
                "trap 'exit 7' TERM; while :; do sleep 1; done"));
        assertEquals(0, run.exitCode(), run::describe);
        long pid = initPid(trapping);
        Poll.until(SETTLE, () -> ProcFs.catches(pid, SIGTERM), () -> "the init installs its TERM trap");
        // PID 1 of a namespace ignores signals it has no handler for: only SIGKILL ends it.
        String ignoring = startSleeping();

        CommandResult stopTrapping = podman.podman("stop", "--time", "20", trapping);
        CommandResult stopIgnoring = podman.podman("stop", "--time", "1", ignoring);

        assertEquals(0, stopTrapping.exitCode(), stopTrapping::describe);
        assertEquals("exited", status(trapping));
        assertEquals("7", inspect(trapping, "{{.State.ExitCode}}"));
        assertEquals(0, stopIgnoring.exitCode(), stopIgnoring::describe);
        assertEquals("137", inspect(ignoring, "{{.State.ExitCode}}"));
    }

    @Test
    void killDeliversTheSignalAndRmRemovesTheContainer() {
        String name = newName();
        CommandResult run = podman.podman(runArgs(name, List.of("--detach"), "sh", "-c",
                "trap 'echo got USR1' USR1; while :; do sleep 1; done"));
        assertEquals(0, run.exitCode(), run::describe);
        long pid = initPid(name);
        String id = inspect(name, "{{.Id}}");
        Poll.until(SETTLE, () -> ProcFs.catches(pid, SIGUSR1), () -> "the init installs its USR1 trap");

        CommandResult kill = podman.podman("kill", "--signal", "USR1", name);
        assertEquals(0, kill.exitCode(), kill::describe);
        Poll.until(SETTLE, () -> podman.podman("logs", name).stdout().contains("got USR1"),
                () -> "the container logs the signal");
        CommandResult remove = podman.podman("rm", "--force", "--time", "1", name);

        assertEquals(0, remove.exitCode(), remove::describe);
        assertEquals("", podman.podman("ps", "--all", "--quiet", "--filter", "name=" + name).stdout());
        assertNoRuntimeState(id);
        Poll.until(SETTLE, () -> !ProcFs.isLive(pid), () -> "the init " + pid + " ends");
        assertEquals(List.of(), Leftovers.cgroupsNamed("libpod-" + id));
    }

    @Test
    void pauseFreezesTheContainerAndUnpauseThawsIt() {
        String name = newName();
        CommandResult run = podman.podman(runArgs(name, List.of("--detach"), "sh", "-c",
                "i=0; while :; do i=$((i+1)); echo $i > /tmp/count; usleep 20000; done"));
        assertEquals(0, run.exitCode(), run::describe);
        long pid = initPid(name);
        Poll.until(SETTLE, () -> !ProcFs.readInRoot(pid, "/tmp/count").isEmpty(), () -> "the counter starts");

        CommandResult pause = podman.podman("pause", name);
        assertEquals(0, pause.exitCode(), pause::describe);
        assertEquals("paused", status(name));
        String frozen = ProcFs.readInRoot(pid, "/tmp/count");
        Poll.sleep(Duration.ofMillis(500));
        assertEquals(frozen, ProcFs.readInRoot(pid, "/tmp/count"), "the counter moved while paused");

        CommandResult unpause = podman.podman("unpause", name);
        assertEquals(0, unpause.exitCode(), unpause::describe);
        assertEquals("running", status(name));
        Poll.until(SETTLE, () -> !frozen.equals(ProcFs.readInRoot(pid, "/tmp/count")),
                () -> "the counter moves again after unpause");
    }

    @Test
    void aUserNamespaceContainerGetsTheMappingAndACgroupView() {
        String name = newName();

        CommandResult run = podman.podman(runArgs(name, List.of("--rm", "--uidmap", "0:100000:65536", "--gidmap",
                "0:100000:65536"), "sh", "-c", "cat /proc/self/uid_map; id -u; ls /sys/fs/cgroup | head -n 1"));

        assertEquals(0, run.exitCode(), run::describe);
        List<String> lines = run.stdout().lines().map(String::strip).toList();
        assertEquals(List.of("0", "100000", "65536"), Arrays.asList(lines.get(0).split("\\s+")), run::describe);
        assertEquals("0", lines.get(1), run::describe);
        assertEquals(3, lines.size(), () -> "/sys/fs/cgroup is empty:\n" + run.describe());
    }

    @Test
    void theDefaultPidsLimitReachesTheContainersCgroup() {
        Cgroups cgroups = Cgroups.ofThisHost();
        assumeTrue(cgroups.v2Controllers().contains("pids"), () -> "needs the pids controller on cgroup2, where jrunc "
                + "applies limits; this host's cgroup2 hierarchy offers only " + cgroups.v2Controllers()
                + " (a v1/v2 hybrid): run this on a pure cgroup v2 host (../shared/tools/vm-run)");
        String name = newName();

        // podman's default pids_limit, which the private containers.conf sets to 0
        CommandResult run = podman.podman(runArgs(name, List.of("--detach", "--pids-limit", "2048"), "sleep", "1000"));

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("2048", Cgroups.readValue(cgroups.v2DirectoryOf(initPid(name)).resolve("pids.max")));
    }

    private String newName() {
        String name = Workspace.uniqueName();
        names.add(name);
        return name;
    }

    private String startSleeping() {
        String name = newName();
        CommandResult run = podman.podman(runArgs(name, List.of("--detach"), "sleep", "1000"));
        assertEquals(0, run.exitCode(), run::describe);
        return name;
    }

    private static String inspect(String name, String format) {
        CommandResult inspect = podman.podman("inspect", "--format", format, name);
        assertEquals(0, inspect.exitCode(), inspect::describe);
        return inspect.stdout().strip();
    }

    private static String status(String name) {
        return inspect(name, "{{.State.Status}}");
    }

    private static long initPid(String name) {
        long pid = Long.parseLong(inspect(name, "{{.State.Pid}}"));
        assertNotEquals(0, pid, () -> name + " has no init");
        return pid;
    }

    /** The runtime, asked with its default root as podman uses it, knows no such container. */
    private static void assertNoRuntimeState(String id) {
        CommandResult state = podman.runtime("state", id);
        assertNotEquals(0, state.exitCode(), state::describe);
    }

    /** {@code run FLAGS --cgroup-parent PARENT --name NAME IMAGE COMMAND}. */
    private static List<String> runArgs(String name, List<String> flags, String... command) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(flags);
        args.addAll(List.of("--cgroup-parent", podman.cgroupParent(), "--name", name, TestImage.REFERENCE));
        args.addAll(Arrays.asList(command));
        return args;
    }
}

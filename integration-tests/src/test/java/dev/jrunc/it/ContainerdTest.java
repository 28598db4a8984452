package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.it.harness.Cgroups;
import dev.jrunc.it.harness.CommandInput;
import dev.jrunc.it.harness.CommandResult;
import dev.jrunc.it.harness.Containerd;
import dev.jrunc.it.harness.ItEnvironment;
import dev.jrunc.it.harness.Leftovers;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * containerd 1.6 (ctr and the runc v2 shim) driving the runtime under test through
 * {@code --runc-binary}: the calls, flags, files and exit codes of the engine contract
 * (../shared/docs/engine-contract.md) as the shim really makes them. One private containerd
 * serves the whole class.
 *
 * <p>The lifecycle scenarios run with {@code --cpu-shares 0}: otherwise ctr puts
 * {@code linux.resources.cpu.shares = 1024} in every config, a resource limit, which jrunc refuses
 * until its cgroup v2 limits land and which needs a cpu controller on cgroup2 (the hybrid
 * development hosts have none). {@link #theDefaultResourceSettingsReachTheTasksCgroup} runs ctr's
 * defaults where they can work.
 */
class ContainerdTest {

    private static final List<String> WITHOUT_CPU_SHARES = List.of("--cpu-shares", "0");
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final int SIGTERM = 15;

    private static Containerd containerd;

    private final List<String> ids = new ArrayList<>();

    // Per test rather than per class, so that reports count every skipped test with the reason.
    @BeforeEach
    void startContainerd() {
        ItEnvironment.current().assumeCanRunContainers();
        if (containerd == null) {
            containerd = Containerd.start(ItEnvironment.current().runtimeBinary());
        }
    }

    @AfterEach
    void removeContainers() {
        if (containerd != null) {
            for (String id : ids) {
                containerd.ctr("tasks", "delete", "--force", id);
                containerd.ctr("containers", "delete", id);
            }
        }
    }

    @AfterAll
    static void stopContainerd() {
        if (containerd != null) {
            containerd.close();
            containerd = null;
        }
    }

    @Test
    void aDetachedTaskRunsUntilKilledThenDeleteRemovesItsStateAndCgroup() {
        String id = newId();
        CommandResult run = run(id, List.of("--detach"), "sh", "-c", "trap 'exit 7' TERM; while :; do sleep 1; done");
        assertEquals(0, run.exitCode(), run::describe);
        Task task = awaitStatus(id, "RUNNING");
        assertTrue(Files.isDirectory(containerd.runtimeRoot().resolve(id)), "no runtime state under "
                + containerd.runtimeRoot());
        Poll.until(SETTLE, () -> ProcFs.catches(task.pid(), SIGTERM), () -> "the init installs its TERM trap");

        CommandResult kill = containerd.ctr("tasks", "kill", id);
        assertEquals(0, kill.exitCode(), kill::describe);
        awaitStatus(id, "STOPPED");
        CommandResult delete = containerd.ctr("tasks", "delete", id);
        assertEquals(0, delete.exitCode(), delete::describe);
        CommandResult remove = containerd.ctr("containers", "delete", id);

        assertEquals(0, remove.exitCode(), remove::describe);
        // ctr reports the exit status of the deleted task as a warning.
        assertTrue(delete.stderr().contains("exit code 7"), delete::describe);
        assertEquals(Optional.empty(), task(id));
        assertFalse(Files.exists(containerd.runtimeRoot().resolve(id)), "runtime state left behind");
        assertEquals(List.of(), Leftovers.cgroupsNamed(id));
        assertEquals(List.of(), Leftovers.processesMentioning(id));
    }

    @Test
    void execRunsInTheTasksNamespacesAndReturnsItsExitCode() {
        String id = startSleeping();

        CommandResult exec = containerd.exec("--exec-id", "probe", id, "sh", "-c",
                "echo from exec; cat /proc/1/cmdline | tr '\\0' ' '; echo; echo to stderr >&2; exit 4");

        assertEquals(4, exec.exitCode(), exec::describe);
        assertEquals("from exec\nsleep 1000 \n", exec.stdout(), exec::describe);
        assertEquals("to stderr\n", exec.stderr(), exec::describe);
    }

    @Test
    void execOfAMissingBinaryFailsWithTheRuntimesMessage() {
        String id = startSleeping();

        CommandResult exec = containerd.exec("--exec-id", "missing", id, "/no/such/binary");

        assertEquals(1, exec.exitCode(), exec::describe);
        assertTrue(exec.stderr().contains("OCI runtime exec failed"), exec::describe);
        assertTrue(exec.stderr().contains("no such file or directory"), exec::describe);
        assertEquals("RUNNING", task(id).orElseThrow().status(), "the task outlives a failed exec");
    }

    @Test
    void psListsTheInitAndExecdProcesses() {
        String id = startSleeping();
        CommandResult exec = containerd.exec("--detach", "--exec-id", "background", id, "sleep", "1001");
        assertEquals(0, exec.exitCode(), exec::describe);

        CommandResult ps = containerd.ctr("tasks", "ps", id);

        assertEquals(0, ps.exitCode(), ps::describe);
        Set<String> commands = ps.stdout().lines().skip(1)
                .map(line -> line.strip().split("\\s+")[0])
                .map(pid -> hostCommandLine(Long.parseLong(pid)))
                .collect(Collectors.toSet());
        assertEquals(Set.of("sleep 1000", "sleep 1001"), commands, ps::describe);
    }

    @Test
    void pauseFreezesTheTaskAndResumeThawsIt() {
        String id = newId();
        CommandResult run = run(id, List.of("--detach"), "sh", "-c",
                "i=0; while :; do i=$((i+1)); echo $i > /tmp/count; usleep 20000; done");
        assertEquals(0, run.exitCode(), run::describe);
        long pid = awaitStatus(id, "RUNNING").pid();
        Poll.until(SETTLE, () -> !ProcFs.readInRoot(pid, "/tmp/count").isEmpty(), () -> "the counter starts");

        CommandResult pause = containerd.ctr("tasks", "pause", id);
        assertEquals(0, pause.exitCode(), pause::describe);
        assertEquals("PAUSED", task(id).orElseThrow().status());
        String frozen = ProcFs.readInRoot(pid, "/tmp/count");
        Poll.sleep(Duration.ofMillis(500));
        assertEquals(frozen, ProcFs.readInRoot(pid, "/tmp/count"), "the counter moved while paused");

        CommandResult resume = containerd.ctr("tasks", "resume", id);
        assertEquals(0, resume.exitCode(), resume::describe);
        assertEquals("RUNNING", task(id).orElseThrow().status());
        Poll.until(SETTLE, () -> !frozen.equals(ProcFs.readInRoot(pid, "/tmp/count")),
                () -> "the counter moves again after resume");
    }

    @Test
    void forceDeleteOfALiveTaskKillsEveryProcess() {
        String id = startSleeping();
        CommandResult exec = containerd.exec("--detach", "--exec-id", "extra", id, "sleep", "1001");
        assertEquals(0, exec.exitCode(), exec::describe);
        List<Long> pids = containerd.ctr("tasks", "ps", id).stdout().lines().skip(1)
                .map(line -> Long.parseLong(line.strip().split("\\s+")[0])).toList();
        assertEquals(2, pids.size(), () -> "processes " + pids);

        // kill 9, kill --all 9, delete, delete --force
        CommandResult delete = containerd.ctr("tasks", "delete", "--force", id);

        assertEquals(0, delete.exitCode(), delete::describe);
        assertEquals(Optional.empty(), task(id));
        Poll.until(SETTLE, () -> pids.stream().noneMatch(ProcFs::isLive), () -> "processes " + pids + " end");
        assertFalse(Files.exists(containerd.runtimeRoot().resolve(id)), "runtime state left behind");
    }

    @Test
    void aForegroundRunReturnsTheContainersExitCode() {
        String id = newId();

        CommandResult run = run(id, List.of("--rm"), "sh", "-c", "echo done; exit 3");

        assertEquals(3, run.exitCode(), run::describe);
        assertEquals("done\n", run.stdout(), run::describe);
        assertEquals(Optional.empty(), task(id));
    }

    @Test
    void stdinReachesTheContainerAndStdoutAndStderrComeBackApart() {
        String id = newId();
        List<String> args = runArgs(id, List.of("--rm"), "sh", "-c",
                "read first; read second; echo \"got $first\"; echo \"and $second\"; echo to stderr >&2");

        // Whole lines only: ctr 1.6 never passes the end of its stdin on to the task.
        CommandResult run = containerd.ctr(CommandInput.text("first line\nsecond line\n"), args);

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("got first line\nand second line\n", run.stdout(), run::describe);
        assertEquals("to stderr\n", run.stderr(), run::describe);
    }

    @Test
    void aTtyRunGivesTheContainerATerminal() {
        String id = newId();

        CommandResult run = containerd.ctrOnTerminal(runArgs(id, List.of("--rm", "--tty"), "sh", "-c",
                "tty; [ -t 0 ] && echo stdin-is-a-tty; exit 5"));

        assertEquals(5, run.exitCode(), run::describe);
        String output = PseudoTerminal.text(run);
        assertTrue(output.contains("/dev/pts/0\nstdin-is-a-tty\n"), run::describe);
    }

    @Test
    void aTtyExecGetsATerminalOfItsOwn() {
        String id = startSleeping();

        CommandResult exec = containerd.ctrOnTerminal(containerd.execArgs(List.of("--tty", "--exec-id", "tty", id, "sh",
                "-c", "tty; exit 2")));

        assertEquals(2, exec.exitCode(), exec::describe);
        assertTrue(PseudoTerminal.text(exec).matches("(?s).*/dev/pts/\\d+\n.*"), exec::describe);
    }

    @Test
    void metricsAreReadFromTheTasksOwnCgroup() {
        String id = startSleeping();
        long pid = task(id).orElseThrow().pid();
        Cgroups cgroups = Cgroups.ofThisHost();
        Map<String, String> membership = Cgroups.membership(pid);
        boolean inV1 = membership.getOrDefault("pids", "").endsWith("/" + id);
        assumeFalse(cgroups.hasV1Hierarchies() && !inV1, () -> "on a cgroup v1/v2 hybrid host, containerd's shim reads "
                + "task metrics from the v1 hierarchies, and the runtime under test placed the task in cgroup v2 only "
                + "(its cgroups: " + membership + "); run this on a pure cgroup v2 host (../shared/tools/vm-run)");

        CommandResult metrics = containerd.ctr("tasks", "metrics", id);

        assertEquals(0, metrics.exitCode(), metrics::describe);
        // Only the init is in the task's cgroup; the host's cgroups hold hundreds of processes.
        assertTrue(metrics.stdout().lines().anyMatch(line -> line.matches("pids\\.current\\s+1\\s*")),
                metrics::describe);
    }

    @Test
    void theDefaultResourceSettingsReachTheTasksCgroup() {
        Cgroups cgroups = Cgroups.ofThisHost();
        assumeTrue(cgroups.v2Controllers().containsAll(Set.of("cpu", "memory")), () -> "needs the cpu and memory "
                + "controllers on cgroup2, where jrunc applies limits; this host's cgroup2 hierarchy offers only "
                + cgroups.v2Controllers() + " (a v1/v2 hybrid): run this on a pure cgroup v2 host (../shared/tools/vm-run)");
        String id = newId();

        // ctr's own cpu.shares (1024) and a memory limit, as `ctr run --memory-limit` sends it.
        CommandResult run = containerd.ctr(CommandInput.none(), runArgsWithDefaults(id,
                List.of("--detach", "--memory-limit", "67108864"),
                "sleep", "1000"));

        assertEquals(0, run.exitCode(), run::describe);
        long pid = awaitStatus(id, "RUNNING").pid();
        Path dir = cgroups.v2DirectoryOf(pid);
        assertEquals("67108864", Cgroups.readValue(dir.resolve("memory.max")));
        // Current runc's (opencontainers/cgroups, 2025) conversion maps the default shares (1024) to
        // the default weight (100); runc 1.1's linear one gave 39.
        assertEquals("100", Cgroups.readValue(dir.resolve("cpu.weight")));
    }

    /** A task's line in {@code ctr tasks list}. */
    private record Task(long pid, String status) {
    }

    private static Optional<Task> task(String id) {
        CommandResult list = containerd.ctr("tasks", "list");
        assertEquals(0, list.exitCode(), list::describe);
        return list.stdout().lines()
                .map(line -> line.strip().split("\\s+"))
                .filter(fields -> fields.length == 3 && fields[0].equals(id))
                .map(fields -> new Task(Long.parseLong(fields[1]), fields[2]))
                .findFirst();
    }

    private static Task awaitStatus(String id, String status) {
        Poll.until(SETTLE, () -> task(id).map(t -> t.status().equals(status)).orElse(false),
                () -> "task " + id + " is " + status + " (now " + task(id) + ")");
        return task(id).orElseThrow();
    }

    /** The command line of a host PID, as ps shows it. */
    private static String hostCommandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "(gone: " + pid + ")";
        }
    }

    private String newId() {
        String id = Workspace.uniqueName();
        ids.add(id);
        return id;
    }

    private String startSleeping() {
        String id = newId();
        CommandResult run = run(id, List.of("--detach"), "sleep", "1000");
        assertEquals(0, run.exitCode(), run::describe);
        awaitStatus(id, "RUNNING");
        return id;
    }

    private CommandResult run(String id, List<String> flags, String... command) {
        return containerd.ctr(CommandInput.none(), runArgs(id, flags, command));
    }

    /** {@code run FLAGS RUNTIME-FLAGS --cpu-shares 0 IMAGE ID COMMAND}. */
    private static List<String> runArgs(String id, List<String> flags, String... command) {
        List<String> withoutShares = new ArrayList<>(flags);
        withoutShares.addAll(WITHOUT_CPU_SHARES);
        return runArgsWithDefaults(id, withoutShares, command);
    }

    /** {@code run FLAGS RUNTIME-FLAGS IMAGE ID COMMAND}, with ctr's default resource settings. */
    private static List<String> runArgsWithDefaults(String id, List<String> flags, String... command) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(flags);
        args.addAll(containerd.runtimeFlags());
        args.add(TestImage.REFERENCE);
        args.add(id);
        args.addAll(Arrays.asList(command));
        return args;
    }
}

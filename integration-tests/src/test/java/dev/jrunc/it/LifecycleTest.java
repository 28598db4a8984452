package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jrunc.it.harness.ChildReaper;
import dev.jrunc.it.harness.ContainerState;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.ExitStatus;
import dev.jrunc.it.harness.ProcFs;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.RuntimeUnderTest;
import dev.jrunc.it.harness.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** create, start, kill, state, delete, run and list, as containerd and podman call them. */
class LifecycleTest extends ContainerTestSupport {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void createLeavesTheInitBlockedAndWritesABarePidFile() throws Exception {
        String id = runtime.newContainerId();
        Path pidFile = workspace.path("init.pid");
        RuntimeResult create = runtime.create(id, newBundle().shell("echo started; exec sleep 600"), pidFile);

        assertEquals(0, create.exitCode(), create::describe);
        String pidText = RuntimeUnderTest.readPidFile(pidFile);
        assertTrue(pidText.matches("[0-9]+"), () -> "pid file must hold only digits, no newline: '" + pidText + "'");
        long pid = Long.parseLong(pidText);
        ChildReaper.instance().watch(pid);
        assertTrue(ProcFs.isLive(pid), "the pid file names no live process: " + pid);

        ContainerState state = runtime.stateOf(id);
        assertEquals("created", state.status());
        assertEquals(pid, state.pid());
        assertEquals(id, state.id());
        // The user process must not run before start: nothing printed yet.
        Thread.sleep(300);
        assertEquals("", Files.readString(create.command().stdoutFile()), "the process ran before start");
    }

    @Test
    void orphansTheInitToTheCaller() {
        String id = runtime.newContainerId();
        long pid = runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));

        assertTrue(ChildReaper.instance().isSubreaper(), "this JVM could not become a child subreaper");
        assertEquals(ProcessHandle.current().pid(), ProcFs.parentOf(pid),
                "the init must be reparented to the calling subreaper, not stay a child of a runtime process");
    }

    @Test
    void startRunsTheProcessWithTheRuntimeStdio() throws Exception {
        String id = runtime.newContainerId();
        RuntimeResult create = runtime.create(id, newBundle().shell("echo started as $$; exec sleep 600"),
                workspace.path("init.pid"));
        assertEquals(0, create.exitCode(), create::describe);
        ChildReaper.instance().watch(runtime.stateOf(id).pid());

        RuntimeResult start = runtime.start(id);

        assertEquals(0, start.exitCode(), start::describe);
        assertEquals("running", runtime.stateOf(id).status());
        assertEquals("started as 1", awaitOutput(create.command().stdoutFile()).strip());
    }

    @ParameterizedTest(name = "kill {0}")
    @ValueSource(strings = {"KILL", "SIGKILL", "9"})
    void killStopsTheContainerAndDeleteRemovesIt(String signal) {
        String id = runtime.newContainerId();
        long pid = runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));
        assertEquals(0, runtime.start(id).exitCode());

        RuntimeResult kill = runtime.kill(id, signal);

        assertEquals(0, kill.exitCode(), kill::describe);
        ContainerState stopped = runtime.awaitStatus(id, "stopped", EXIT_TIMEOUT);
        assertEquals(0, stopped.pid(), "a stopped container's state has pid 0");
        Optional<ExitStatus> status = ChildReaper.instance().awaitExit(pid, EXIT_TIMEOUT);
        assertTrue(status.isPresent(), "the init was not reaped by this JVM, the caller's subreaper");
        assertEquals(9, status.get().signal(), "the init's exit status: " + status.get());

        RuntimeResult delete = runtime.delete(id);
        assertEquals(0, delete.exitCode(), delete::describe);
        assertEquals(1, runtime.state(id).exitCode(), "state after delete");
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)), "state directory left after delete");
    }

    @Test
    void stateReportsTheContractFields() {
        String id = runtime.newContainerId();
        TestBundle bundle = newBundle().args("sleep", "600");
        runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));

        ContainerState state = runtime.stateOf(id);

        assertAll(
                () -> assertTrue(state.json().path("ociVersion").isTextual(), "ociVersion"),
                () -> assertEquals(id, state.id()),
                () -> assertEquals(bundle.directory().toString(), state.bundle()),
                () -> assertTrue(state.pid() > 0, "pid"),
                () -> OffsetDateTime.parse(state.created()));
    }

    @Test
    void runReturnsTheContainerExitCodeAndOutput() {
        RuntimeResult run = runtime.run(runtime.newContainerId(), newBundle().shell("echo out; echo err >&2; exit 7"));

        assertEquals(7, run.exitCode(), run::describe);
        assertEquals("out", run.stdout().strip());
        assertTrue(run.stderr().contains("err"), run::describe);
    }

    @Test
    void runDeletesTheContainerAfterItExits() {
        String id = runtime.newContainerId();
        RuntimeResult run = runtime.run(id, newBundle().args("true"));

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(1, runtime.state(id).exitCode(), "a container run in the foreground is deleted at exit");
    }

    @Test
    void runDetachReturnsWhileTheContainerRuns() {
        String id = runtime.newContainerId();
        RuntimeResult run = runtime.run(id, newBundle().args("sleep", "600"), "--detach");

        assertEquals(0, run.exitCode(), run::describe);
        ContainerState state = runtime.stateOf(id);
        ChildReaper.instance().watch(state.pid());
        assertEquals("running", state.status());
        assertTrue(ProcFs.isLive(state.pid()), "no live process " + state.pid());
    }

    @Test
    void listShowsTheContainerAsATable() {
        String id = runtime.newContainerId();
        TestBundle bundle = newBundle().args("sleep", "600");
        runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));

        RuntimeResult list = runtime.invoke("list");

        assertEquals(0, list.exitCode(), list::describe);
        String[] lines = list.stdout().strip().split("\n");
        assertEquals(2, lines.length, list::describe);
        assertTrue(lines[0].matches("ID\\s+PID\\s+STATUS\\s+BUNDLE\\s+CREATED\\s+OWNER\\s*"), lines[0]);
        String[] row = lines[1].split("\\s+");
        assertEquals(id, row[0]);
        assertEquals(Long.toString(runtime.stateOf(id).pid()), row[1]);
        assertEquals("created", row[2]);
        assertEquals(bundle.directory().toString(), row[3]);
    }

    @Test
    void listFormatJsonShowsEveryContainer() {
        String first = runtime.newContainerId();
        String second = runtime.newContainerId();
        runtime.createSuccessfully(first, newBundle().args("sleep", "600"), workspace.path("first.pid"));
        runtime.createSuccessfully(second, newBundle().args("sleep", "600"), workspace.path("second.pid"));
        assertEquals(0, runtime.start(second).exitCode());

        RuntimeResult list = runtime.invoke("list", "--format", "json");

        assertEquals(0, list.exitCode(), list::describe);
        JsonNode array = RuntimeUnderTest.parseJson(list);
        assertTrue(array.isArray(), list::describe);
        assertEquals(2, array.size(), list::describe);
        assertEquals("created", statusIn(array, first), list::describe);
        assertEquals("running", statusIn(array, second), list::describe);
    }

    private static String statusIn(JsonNode list, String id) {
        return StreamSupport.stream(list.spliterator(), false)
                .map(ContainerState::from)
                .filter(state -> id.equals(state.id()))
                .map(ContainerState::status)
                .findFirst()
                .orElse("(absent)");
    }

    private static String awaitOutput(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        String content = Files.readString(file);
        while (content.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            content = Files.readString(file);
        }
        return content;
    }
}

package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OCI hooks (runtime-spec v1.3.0 config.md "POSIX-platform Hooks", runtime.md "Lifecycle"):
 * order, the state on stdin, the namespaces they run in, and what a failing hook does to create,
 * start and delete.
 */
class HooksTest extends ContainerTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Path log;
    private Path script;

    /** One line per call: the phase, the hook's mount namespace and cwd, and its stdin. */
    private record Call(String phase, String mountNs, String cwd, JsonNode state) {
    }

    @BeforeEach
    void writeHookScript() throws IOException {
        log = workspace.path("hooks.log");
        script = workspace.path("hook.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "in=$(cat)\n"
                + "printf '%s %s %s %s\\n' \"$1\" \"$(readlink /proc/self/ns/mnt)\" \"$(pwd -P)\" \"$in\" >> " + log + "\n"
                + "[ -z \"$2\" ] || { echo \"$2\" >&2; exit 3; }\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private ObjectNode hook(String phase, String... failWith) {
        ObjectNode h = JSON.createObjectNode();
        h.put("path", script.toString());
        ArrayNode args = h.putArray("args").add("hook.sh").add(phase);
        for (String f : failWith) {
            args.add(f);
        }
        h.putArray("env").add("PATH=/usr/bin:/bin");
        return h;
    }

    private static void addHook(TestBundle bundle, String phase, JsonNode hook) {
        ObjectNode hooks = bundle.config().has("hooks") ? (ObjectNode) bundle.config().get("hooks")
                : bundle.config().putObject("hooks");
        (hooks.has(phase) ? (ArrayNode) hooks.get(phase) : hooks.putArray(phase)).add(hook);
    }

    private List<Call> calls() throws IOException {
        List<Call> calls = new ArrayList<>();
        if (!Files.exists(log)) {
            return calls;
        }
        for (String line : Files.readAllLines(log)) {
            String[] parts = line.split(" ", 4);
            calls.add(new Call(parts[0], parts[1], parts[2], JSON.readTree(parts[3])));
        }
        return calls;
    }

    private static String mountNs(String pid) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", pid, "ns", "mnt")).toString();
    }

    @Test
    void everyPhaseRunsInOrderWithTheStateOnStdin() throws Exception {
        TestBundle bundle = newBundle().args("sleep", "600");
        bundle.config().putObject("annotations").put("org.example.key", "value");
        for (String phase : List.of("prestart", "createRuntime", "createContainer", "poststart", "poststop")) {
            addHook(bundle, phase, hook(phase));
        }
        addHook(bundle, "createRuntime", hook("createRuntime2"));
        String id = runtime.newContainerId();

        long pid = runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));
        String bundleDir = bundle.directory().toAbsolutePath().toString();
        String initNs = mountNs(Long.toString(pid));
        String hostNs = mountNs("self");
        List<Call> created = calls();
        assertEquals(List.of("prestart", "createRuntime", "createRuntime2", "createContainer"),
                created.stream().map(Call::phase).toList());
        for (Call c : created) {
            assertEquals("creating", c.state().path("status").asText(), c.toString());
            assertEquals(pid, c.state().path("pid").asLong(), c.toString());
            assertEquals(id, c.state().path("id").asText());
            assertEquals(bundleDir, c.state().path("bundle").asText());
            assertEquals("1.3.0", c.state().path("ociVersion").asText());
            assertEquals("value", c.state().path("annotations").path("org.example.key").asText());
            assertEquals(bundle.directory().toRealPath().toString(), c.cwd(), "hooks run in the bundle");
        }
        // Runtime-namespace hooks see the host's mounts; createContainer the container's, before pivot_root.
        assertEquals(hostNs, created.get(0).mountNs());
        assertEquals(hostNs, created.get(1).mountNs());
        assertEquals(initNs, created.get(3).mountNs());
        assertNotEquals(hostNs, initNs);

        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        List<Call> started = calls();
        assertEquals(5, started.size(), started::toString);
        Call poststart = started.get(4);
        assertEquals("poststart", poststart.phase());
        assertEquals("running", poststart.state().path("status").asText());
        assertEquals(pid, poststart.state().path("pid").asLong());
        assertEquals(hostNs, poststart.mountNs());
        assertEquals("running", runtime.stateOf(id).status());

        assertEquals(0, runtime.kill(id, "KILL").exitCode());
        runtime.awaitStatus(id, "stopped", TIMEOUT);
        RuntimeResult delete = runtime.delete(id);
        assertEquals(0, delete.exitCode(), delete::describe);
        List<Call> all = calls();
        assertEquals(6, all.size(), all::toString);
        Call poststop = all.get(5);
        assertEquals("poststop", poststop.phase());
        assertEquals("stopped", poststop.state().path("status").asText());
        assertFalse(poststop.state().has("pid"), "a stopped container has no pid: " + poststop.state());
        assertEquals(bundleDir, poststop.state().path("bundle").asText());
        // After the container is deleted.
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)));
    }

    @Test
    void aFailingPoststartFailsStartAndStopsTheContainer() throws Exception {
        TestBundle bundle = newBundle().args("sleep", "600");
        addHook(bundle, "poststart", hook("poststart", "no network for you"));
        addHook(bundle, "poststart", hook("poststart-never"));
        addHook(bundle, "poststop", hook("poststop"));
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));

        RuntimeResult start = runtime.start(id);
        assertNotEquals(0, start.exitCode(), start::describe);
        assertTrue(start.mentions("hooks.poststart[0] (" + script + ") failed: exit status 3: no network for you"),
                start::describe);
        runtime.awaitStatus(id, "stopped", TIMEOUT);

        RuntimeResult delete = runtime.delete(id);
        assertEquals(0, delete.exitCode(), delete::describe);
        assertEquals(List.of("poststart", "poststop"), calls().stream().map(Call::phase).toList());
    }

    @Test
    void aFailingPoststopIsAWarningAndTheOthersStillRun() throws Exception {
        TestBundle bundle = newBundle().args("true");
        addHook(bundle, "poststop", hook("poststop1", "cleanup failed"));
        addHook(bundle, "poststop", hook("poststop2"));
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));

        RuntimeResult delete = runtime.delete(id);
        assertEquals(0, delete.exitCode(), delete::describe);
        assertEquals(List.of("poststop1", "poststop2"), calls().stream().map(Call::phase).toList());
        assertTrue(delete.logLines().stream().anyMatch(l -> l.contains("\"level\":\"warning\"")
                && l.contains("hooks.poststop[0] (" + script + ") failed: exit status 3: cleanup failed")),
                delete::describe);
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)));
    }

    @Test
    void aFailingCreateHookFailsCreateLeavesNothingAndRunsPoststop() throws Exception {
        TestBundle bundle = newBundle().args("true");
        addHook(bundle, "createRuntime", hook("createRuntime", "bad hook"));
        addHook(bundle, "createContainer", hook("createContainer"));
        addHook(bundle, "poststop", hook("poststop"));
        String id = runtime.newContainerId();

        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));
        assertNotEquals(0, create.exitCode(), create::describe);
        assertTrue(create.mentions("hooks.createRuntime[0] (" + script + ") failed: exit status 3: bad hook"),
                create::describe);
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)));
        assertNotEquals(0, runtime.state(id).exitCode());
        assertEquals(List.of("createRuntime", "poststop"), calls().stream().map(Call::phase).toList());
    }

    @Test
    void aTimedOutHookFailsCreate() throws Exception {
        TestBundle bundle = newBundle().args("true");
        ObjectNode slow = JSON.createObjectNode().put("path", "/bin/sleep").put("timeout", 1);
        slow.putArray("args").add("sleep").add("30");
        addHook(bundle, "prestart", slow);
        String id = runtime.newContainerId();

        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));
        assertNotEquals(0, create.exitCode(), create::describe);
        assertTrue(create.mentions("hooks.prestart[0] (/bin/sleep) timed out after 1s"), create::describe);
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)));
    }

    // ---- startContainer: run by the init, in the container, between start and the exec --------

    private static ObjectNode inContainer(String script, Integer timeout) {
        ObjectNode h = JSON.createObjectNode().put("path", "/bin/sh");
        h.putArray("args").add("sh").add("-c").add(script);
        if (timeout != null) {
            h.put("timeout", timeout);
        }
        return h;
    }

    @Test
    void startContainerHooksRunInTheContainerAfterStartAndBeforeTheProcess() throws Exception {
        Path out = workspace.newDirectory("out");
        TestBundle bundle = newBundle().env("PATH=/bin:/usr/bin", "FROM_PROCESS=yes").cwd("/etc")
                .mount("/mnt", "bind", out.toString(), "rbind", "rw")
                .shell("readlink /proc/self/ns/mnt > /mnt/ns.tmp; cat /mnt/hook.out >> /mnt/ns.tmp; "
                        + "mv /mnt/ns.tmp /mnt/process.out; sleep 600");
        // No env: the hook gets the process's, as in runc.
        addHook(bundle, "startContainer", inContainer("{ cat; echo; echo \"$FROM_PROCESS $$ $(pwd)\"; } > /mnt/hook.out; "
                + "readlink /proc/self/ns/mnt > /mnt/hook.ns", null));
        addHook(bundle, "poststart", hook("poststart"));
        String id = runtime.newContainerId();

        runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));
        assertFalse(Files.exists(out.resolve("hook.out")), "startContainer ran before start");

        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        // start returned after the hook: it waits for the init to exec.
        List<String> hook = Files.readAllLines(out.resolve("hook.out"));
        JsonNode state = JSON.readTree(hook.get(0));
        assertEquals("created", state.path("status").asText());
        assertEquals(1, state.path("pid").asInt(), "the init's pid as the container sees it");
        assertEquals(id, state.path("id").asText());
        assertEquals(bundle.directory().toAbsolutePath().toString(), state.path("bundle").asText());
        String[] seen = hook.get(1).split(" ");
        assertEquals("yes", seen[0], "the process's environment");
        assertNotEquals("1", seen[1], "a process of its own, forked by the init");
        assertEquals("/etc", seen[2], "the process's cwd");
        awaitFile(out.resolve("process.out"));
        // The process sees what the hook wrote, and both are in the container's mount namespace.
        assertEquals(Files.readString(out.resolve("hook.ns")) + Files.readString(out.resolve("hook.out")),
                Files.readString(out.resolve("process.out")));
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString() + "\n",
                Files.readString(out.resolve("hook.ns")));
        assertEquals(List.of("poststart"), calls().stream().map(Call::phase).toList());
        assertEquals("running", runtime.stateOf(id).status());
    }

    @Test
    void aFailingStartContainerHookFailsStartAndStopsTheContainer() throws Exception {
        TestBundle bundle = newBundle().args("sleep", "600");
        addHook(bundle, "startContainer", inContainer("true", null));
        addHook(bundle, "startContainer", inContainer("echo 'no GPU here' >&2; exit 4", null));
        addHook(bundle, "poststart", hook("poststart"));
        addHook(bundle, "poststop", hook("poststop"));
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));

        RuntimeResult start = runtime.start(id);

        assertNotEquals(0, start.exitCode(), start::describe);
        assertTrue(start.mentions("hooks.startContainer[1] (/bin/sh) failed: exit status 4: no GPU here"),
                start::describe);
        runtime.awaitStatus(id, "stopped", TIMEOUT);
        assertEquals(List.of(), calls(), "poststart does not run after a failed startContainer");
        RuntimeResult delete = runtime.delete(id);
        assertEquals(0, delete.exitCode(), delete::describe);
        assertEquals(List.of("poststop"), calls().stream().map(Call::phase).toList());
    }

    @Test
    void aStartContainerHookPastItsTimeoutFailsStart() {
        TestBundle bundle = newBundle().args("sleep", "600");
        addHook(bundle, "startContainer", inContainer("sleep 30", 1));
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));

        RuntimeResult start = runtime.start(id);

        assertNotEquals(0, start.exitCode(), start::describe);
        assertTrue(start.mentions("hooks.startContainer[0] (/bin/sh) timed out after 1s"), start::describe);
        runtime.awaitStatus(id, "stopped", TIMEOUT);
    }

    @Test
    void aMissingStartContainerHookFailsRun() {
        TestBundle bundle = newBundle().args("echo", "never");
        ObjectNode missing = JSON.createObjectNode().put("path", "/no/such/hook");
        addHook(bundle, "startContainer", missing);

        RuntimeResult run = runtime.run(runtime.newContainerId(), bundle);

        assertNotEquals(0, run.exitCode(), run::describe);
        assertTrue(run.mentions("hooks.startContainer[0] (/no/such/hook): exec /no/such/hook: No such file or "
                + "directory"), run::describe);
        assertFalse(run.stdout().contains("never"), run::describe);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), file + " never appeared");
    }
}

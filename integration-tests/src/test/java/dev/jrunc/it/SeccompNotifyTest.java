package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import dev.jrunc.sys.LibSeccomp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SCMP_ACT_NOTIFY with linux.seccomp.listenerPath: the runtime sends each process's notify fd
 * with the container process state (runtime-spec config-linux.md, "Seccomp") to a listener, a
 * small Python agent here, which answers one mkdir with ENOMEDIUM, proving the round trip.
 */
class SeccompNotifyTest extends ContainerTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Accepts one connection, takes the fd, answers the first notification, records what it got. */
    private static final String AGENT = """
            import errno, fcntl, json, socket, struct, sys
            path, out = sys.argv[1], sys.argv[2]
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(path)
            s.listen(1)
            open(out + ".ready", "w").close()
            conn, _ = s.accept()
            msg, fds, _, _ = socket.recv_fds(conn, 65536, 4)
            notif = bytearray(80)  # struct seccomp_notif
            fcntl.ioctl(fds[0], 0xc0502100, notif, True)  # SECCOMP_IOCTL_NOTIF_RECV
            nid, pid, _, nr = struct.unpack_from("QIIi", notif)
            resp = struct.pack("QqiI", nid, 0, -errno.ENOMEDIUM, 0)  # struct seccomp_notif_resp
            fcntl.ioctl(fds[0], 0xc0182101, bytearray(resp), True)  # SECCOMP_IOCTL_NOTIF_SEND
            with open(out + ".tmp", "w") as f:
                json.dump({"state": json.loads(msg), "fds": len(fds), "pid": pid, "nr": nr}, f)
            import os
            os.rename(out + ".tmp", out)
            """;

    private Process agent;
    private Path socket;
    private Path report;

    @BeforeEach
    void needsPythonAndLibseccomp() {
        assumeTrue(Files.isExecutable(PYTHON), PYTHON + " is not installed: it runs the test's seccomp agent");
        assumeTrue(LibSeccomp.isInstalled(), LibSeccomp.SONAME + " is not installed (apt-get install libseccomp2)");
    }

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.destroyForcibly();
        }
    }

    private void startAgent(String name) throws IOException, InterruptedException {
        if (agent != null) {
            agent.destroyForcibly();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
        Path script = workspace.path("agent.py");
        Files.writeString(script, AGENT);
        // One listener path for the container, as in its config; each agent binds it afresh.
        socket = workspace.path("agent.sock");
        Files.deleteIfExists(socket);
        report = workspace.path(name + ".json");
        agent = new ProcessBuilder(PYTHON.toString(), script.toString(), socket.toString(), report.toString())
                .redirectInput(new File("/dev/null")).redirectOutput(workspace.path(name + ".stdout").toFile())
                .redirectError(workspace.path(name + ".stderr").toFile()).start();
        awaitFile(Path.of(report + ".ready"));
    }

    private JsonNode agentReport() throws IOException, InterruptedException {
        awaitFile(report);
        return JSON.readTree(report.toFile());
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), file + " never appeared");
    }

    private TestBundle notifyingMkdir(TestBundle bundle, boolean noNewPrivileges) {
        ObjectNode seccomp = ((ObjectNode) bundle.config().get("linux")).putObject("seccomp");
        seccomp.put("defaultAction", "SCMP_ACT_ALLOW").put("listenerPath", socket.toString())
                .put("listenerMetadata", "jrunc-it metadata");
        ObjectNode rule = seccomp.putArray("syscalls").addObject().put("action", "SCMP_ACT_NOTIFY");
        rule.putArray("names").add("mkdir").add("mkdirat");
        ((ObjectNode) bundle.config().get("process")).put("noNewPrivileges", noNewPrivileges);
        return bundle;
    }

    private void assertNotified(JsonNode got, String id, String status) {
        assertEquals(1, got.path("fds").asInt());
        JsonNode message = got.path("state");
        assertEquals(List.of("seccompFd"), List.of(message.path("fds").get(0).asText()));
        assertEquals(1, message.path("fds").size());
        assertEquals("jrunc-it metadata", message.path("metadata").asText());
        assertEquals("1.3.0", message.path("ociVersion").asText());
        assertEquals(id, message.path("state").path("id").asText());
        assertEquals(status, message.path("state").path("status").asText());
    }

    @Test
    void theInitsNotifyFdReachesTheListenerWhichAnswersForTheKernel() throws Exception {
        for (boolean nnp : new boolean[] {false, true}) {
            startAgent("init-" + nnp);
            TestBundle bundle = notifyingMkdir(newBundle().shell("mkdir /jrunc-notified; echo status=$?"), nnp);
            String id = runtime.newContainerId();

            RuntimeResult run = runtime.run(id, bundle);

            assertEquals(0, run.exitCode(), run::describe);
            assertEquals("status=1", run.stdout().strip(), run::describe);
            assertTrue(run.stderr().contains("No medium found"), "the agent's answer: " + run.describe());
            JsonNode got = agentReport();
            assertNotified(got, id, "creating");
            JsonNode message = got.path("state");
            assertEquals(message.path("pid").asLong(), message.path("state").path("pid").asLong(),
                    "the process is the init");
            assertTrue(got.path("pid").asLong() > 0);
        }
    }

    @Test
    void anExecdProcessGetsANotifyFdOfItsOwn() throws Exception {
        startAgent("init");
        TestBundle bundle = notifyingMkdir(newBundle().args("sleep", "600"), false);
        String id = runtime.newContainerId();
        long initPid = runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);

        startAgent("exec");
        Path pidFile = workspace.path("exec.pid");
        RuntimeResult exec = runtime.invoke("exec", "--pid-file", pidFile.toString(), id, "sh", "-c",
                "mkdir /jrunc-notified; echo status=$?");

        assertEquals(0, exec.exitCode(), exec::describe);
        assertEquals("status=1", exec.stdout().strip(), exec::describe);
        assertTrue(exec.stderr().contains("No medium found"), exec::describe);
        JsonNode got = agentReport();
        assertNotified(got, id, "running");
        JsonNode message = got.path("state");
        assertEquals(initPid, message.path("state").path("pid").asLong(), "the state is the container's");
        assertEquals(Long.parseLong(Files.readString(pidFile).strip()), message.path("pid").asLong(),
                "the process is the exec'd one");
    }

    @Test
    void anExecWhoseListenerIsGoneFailsAndItsProcessDoesNotRunOn() throws Exception {
        startAgent("init");
        TestBundle bundle = notifyingMkdir(newBundle().args("sleep", "600"), false);
        String id = runtime.newContainerId();
        long initPid = runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));
        assertEquals(0, runtime.start(id).exitCode());
        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        RuntimeResult exec = runtime.invoke("exec", id, "sleep", "300");

        assertEquals(255, exec.exitCode(), exec::describe);
        assertTrue(exec.mentions("linux.seccomp.listenerPath: cannot connect to the seccomp agent"), exec::describe);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        RuntimeResult ps;
        do {
            Thread.sleep(50);
            ps = runtime.invoke("ps", "--format", "json", id);
            assertEquals(0, ps.exitCode(), ps::describe);
        } while (!ps.stdout().strip().equals("[" + initPid + "]") && System.nanoTime() < deadline);
        assertEquals("[" + initPid + "]", ps.stdout().strip(), "only the init is left");
    }

    @Test
    void aMissingListenerFailsCreateAndLeavesNothing() throws Exception {
        socket = workspace.path("nobody.sock");
        TestBundle bundle = notifyingMkdir(newBundle().args("true"), false);
        String id = runtime.newContainerId();

        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));

        assertNotEquals(0, create.exitCode(), create::describe);
        assertTrue(create.mentions("linux.seccomp.listenerPath: cannot connect to the seccomp agent at " + socket),
                create::describe);
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)));
    }
}

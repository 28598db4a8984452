package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.Leftovers;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import dev.jrunc.it.harness.FileTrees;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * create with input it must refuse: it fails with one clear line on stderr and one JSON error line
 * in the log (what containerd and podman show the user), and leaves no state, process or cgroup.
 */
class BadInputTest extends ContainerTestSupport {

    @Test
    void malformedConfigJson() throws Exception {
        TestBundle bundle = newBundle();
        String id = runtime.newContainerId();
        Path dir = bundle.write();
        Files.writeString(dir.resolve("config.json"), "{\"ociVersion\": \"1.3.0\", \"process\": {");

        RuntimeResult create = runtime.invokeIn(dir, "create", "--bundle", dir.toString(), "--pid-file",
                workspace.path("init.pid").toString(), id);

        assertRefusedCleanly(create, id);
    }

    @Test
    void missingRootfs() {
        TestBundle bundle = newBundle();
        ((ObjectNode) bundle.config().get("root")).put("path", workspace.path("no-such-rootfs").toString());

        assertCreateRefused(bundle);
    }

    @Test
    void unknownNamespaceType() {
        TestBundle bundle = newBundle();
        ((ArrayNode) bundle.config().get("linux").get("namespaces")).addObject().put("type", "jrunc-it-bogus");

        assertCreateRefused(bundle);
    }

    @Test
    void missingProcessArgs() {
        TestBundle bundle = newBundle();
        ((ObjectNode) bundle.config().get("process")).remove("args");

        assertCreateRefused(bundle);
    }

    @ParameterizedTest(name = "id \"{0}\"")
    @ValueSource(strings = {"jrunc-it-a/b", "..", "../jrunc-it-escape", "jrunc-it-x/../../jrunc-it-escape"})
    void idsThatAreNotPlainNames(String badId) {
        Path bundle = newBundle().args("true").write();

        RuntimeResult create = runtime.invokeIn(bundle, "create", "--bundle", bundle.toString(), "--pid-file",
                workspace.path("init.pid").toString(), badId);

        assertNotEquals(0, create.exitCode(), create::describe);
        assertOneClearErrorLine(create);
        assertFalse(Files.exists(workspace.path("init.pid")), "a pid file was written");
        Path escaped = runtime.stateRoot().resolveSibling("jrunc-it-escape");
        try {
            assertAll(
                    () -> assertFalse(Files.exists(runtime.stateRoot().resolve("jrunc-it-a")), "state dir jrunc-it-a"),
                    () -> assertFalse(Files.exists(runtime.stateRoot().resolve("jrunc-it-x")), "state dir jrunc-it-x"),
                    () -> assertFalse(Files.exists(escaped), "state dir outside --root"),
                    () -> assertEquals(List.of(), Leftovers.processesMentioning(bundle.toString())));
        } finally {
            FileTrees.remove(escaped);
        }
    }

    @Test
    void unknownCapability() {
        TestBundle bundle = newBundle();
        ((ArrayNode) bundle.config().get("process").get("capabilities").get("bounding")).add("CAP_JRUNC_BOGUS");

        RuntimeResult create = assertCreateRefused(bundle);

        assertTrue(create.command().stderrLines().getFirst().contains("process.capabilities.bounding"), create::describe);
        assertTrue(create.command().stderrLines().getFirst().contains("CAP_JRUNC_BOGUS"), create::describe);
    }

    @Test
    void settingsNotAppliedYetAreRefusedNotIgnored() {
        TestBundle bundle = newBundle();
        // cgroup v2 has no interface for realtime CPU limits; a container must not run without one
        ((ObjectNode) bundle.config().get("linux").get("resources")).putObject("cpu").put("realtimeRuntime", 950000);

        RuntimeResult create = assertCreateRefused(bundle);

        assertTrue(create.command().stderrLines().getFirst().contains("linux.resources.cpu.realtimeRuntime"),
                create::describe);
    }

    @Test
    void aSysctlOfTheHostKernelIsRefused() {
        TestBundle bundle = newBundle();
        ((ObjectNode) bundle.config().get("linux")).putObject("sysctl").put("kernel.panic", "0");

        RuntimeResult create = assertCreateRefused(bundle);

        assertTrue(create.command().stderrLines().getFirst().contains("kernel.panic"), create::describe);
    }

    @Test
    void aFailureInsideTheInitLeavesNoProcessCgroupOrState() {
        // The rlimit is applied by the container's init, after its namespaces and cgroup exist:
        // the rollback must take all of them down. A cgroup named after the id shows a survivor.
        TestBundle bundle = newBundle().rlimit("RLIMIT_NOFILE", 1L << 40, 1L << 40);
        String id = runtime.newContainerId();
        ((ObjectNode) bundle.config().get("linux")).put("cgroupsPath", "/" + id);

        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));

        assertRefusedCleanly(create, id);
        assertTrue(create.command().stderrLines().getFirst().contains("RLIMIT_NOFILE"), create::describe);
        assertTrue(create.command().stderrLines().getFirst().contains("operation not permitted"), create::describe);
    }

    private RuntimeResult assertCreateRefused(TestBundle bundle) {
        String id = runtime.newContainerId();
        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));

        assertRefusedCleanly(create, id);
        return create;
    }

    private void assertRefusedCleanly(RuntimeResult create, String id) {
        assertNotEquals(0, create.exitCode(), create::describe);
        assertOneClearErrorLine(create);
        assertAll(
                () -> assertFalse(Files.exists(workspace.path("init.pid")), "a pid file was written"),
                () -> assertFalse(Files.exists(runtime.stateRoot().resolve(id)), "state directory left behind"),
                () -> assertEquals(List.of(), Leftovers.processesMentioning(id), "processes left behind"),
                () -> assertEquals(List.of(), Leftovers.cgroupsNamed(id), "cgroups left behind"));
        // Both engines follow a failed create with delete --force, which must then succeed.
        RuntimeResult cleanup = runtime.deleteForce(id);
        assertEquals(0, cleanup.exitCode(), cleanup::describe);
    }

    private static void assertOneClearErrorLine(RuntimeResult result) {
        List<String> stderr = result.command().stderrLines();
        assertEquals(1, stderr.size(), () -> "expected exactly one line on stderr\n" + result.describe());
        assertFalse(stderr.getFirst().isBlank());
        assertTrue(stderr.getFirst().length() < 500, "one short line, not a stack trace: " + stderr.getFirst());
        List<String> logged = result.logErrorMessages();
        assertFalse(logged.isEmpty(), () -> "no {\"level\":\"error\",\"msg\":...} line in --log\n"
                + result.describe());
        assertTrue(logged.stream().noneMatch(String::isBlank), result::describe);
    }
}

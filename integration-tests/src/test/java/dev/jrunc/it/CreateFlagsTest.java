package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The create/run flags beyond the bundle: --no-pivot, --preserve-fds and the session keyring. */
class CreateFlagsTest extends ContainerTestSupport {

    @Test
    void noPivotRunsTheContainerInItsRootfs() {
        assertTrue(Files.isDirectory(Path.of("/work")) || Files.isDirectory(Path.of("/usr")), "host layout");
        String hostOnly = Files.isDirectory(Path.of("/work")) ? "work" : "usr/share";

        RuntimeResult moved = runtime.run(runtime.newContainerId(),
                newBundle().shell("echo inside > /dev/shm/probe && cat /dev/shm/probe; ls /; ls /" + hostOnly
                        + " >/dev/null 2>&1 && echo host-visible || echo host-hidden"), "--no-pivot");

        assertEquals(0, moved.exitCode(), moved::describe);
        assertTrue(moved.stdout().startsWith("inside\n"), moved::describe);
        assertTrue(moved.stdout().lines().anyMatch("proc"::equals), moved::describe);
        assertTrue(moved.stdout().strip().endsWith("host-hidden"), moved::describe);
    }

    @Test
    void preservedDescriptorsReachTheContainerAndNothingElseDoes() throws Exception {
        Path secret = workspace.path("fd3-content");
        Files.writeString(secret, "passed through fd 3\n");
        TestBundle bundle = newBundle().shell("cat <&3; ls /proc/self/fd | sort -n | tr '\\n' ' '");
        String id = runtime.newContainerId();

        RuntimeResult run = runtime.invokeWithFd3(secret, "run", "--preserve-fds", "1", "--bundle",
                bundle.write().toString(), id);

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().startsWith("passed through fd 3\n"), run::describe);
        // 0-2, the preserved 3, and ls's own directory fd: no descriptor of the runtime leaks in.
        assertEquals("0 1 2 3 4 ", run.stdout().lines().skip(1).findFirst().orElse(""), run::describe);
    }

    @Test
    void eachContainerGetsItsOwnSessionKeyringUnlessAskedNotTo() throws Exception {
        String withKeyring = runtime.newContainerId();
        String without = runtime.newContainerId();
        runtime.createSuccessfully(withKeyring, newBundle().args("sleep", "600"), workspace.path("a.pid"));
        Path dir = newBundle().args("sleep", "600").write();
        RuntimeResult create = runtime.invokeIn(dir, "create", "--no-new-keyring", "--bundle", dir.toString(),
                "--pid-file", workspace.path("b.pid").toString(), without);
        assertEquals(0, create.exitCode(), create::describe);

        String keys = Files.readString(Path.of("/proc/keys"));

        assertTrue(keys.contains("_ses." + withKeyring), keys);
        assertFalse(keys.contains("_ses." + without), keys);
    }
}

package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.FileTrees;
import dev.jrunc.it.harness.MountInfo;
import dev.jrunc.it.harness.Namespace;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import dev.jrunc.it.harness.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /dev: the default devices and links every runtime supplies, and linux.devices. */
class DevicesTest extends ContainerTestSupport {

    // stat's %t:%T print major:minor in hex.
    private static final Map<String, String> DEFAULT_DEVICES = new LinkedHashMap<>();

    static {
        DEFAULT_DEVICES.put("/dev/null", "character special file 1:3");
        DEFAULT_DEVICES.put("/dev/zero", "character special file 1:5");
        DEFAULT_DEVICES.put("/dev/full", "character special file 1:7");
        DEFAULT_DEVICES.put("/dev/random", "character special file 1:8");
        DEFAULT_DEVICES.put("/dev/urandom", "character special file 1:9");
        DEFAULT_DEVICES.put("/dev/tty", "character special file 5:0");
    }

    @Test
    void theDefaultDevicesExistWithTheirNumbers() {
        RuntimeResult run = runShell(newBundle(),
                "for d in " + String.join(" ", DEFAULT_DEVICES.keySet()) + "; do stat -c '%n=%F %t:%T' $d; done");

        assertEquals(0, run.exitCode(), run::describe);
        Map<String, String> found = new LinkedHashMap<>();
        run.stdout().lines().map(line -> line.split("=", 2)).forEach(kv -> found.put(kv[0], kv[1]));
        assertEquals(DEFAULT_DEVICES, found, run::describe);
    }

    @Test
    void theDefaultDevicesAreUsable() {
        RuntimeResult run = runShell(newBundle(), """
                head -c 5 /dev/zero | wc -c
                head -c 7 /dev/urandom | wc -c
                echo discarded > /dev/null && echo null-ok
                echo x > /dev/full 2>/dev/null || echo full-refused""");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("5\n7\nnull-ok\nfull-refused", run.stdout().strip());
    }

    @Test
    void theStandardLinksPointIntoProc() {
        RuntimeResult run = runShell(newBundle(),
                "for l in fd stdin stdout stderr ptmx; do echo $l=$(readlink /dev/$l); done");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("""
                fd=/proc/self/fd
                stdin=/proc/self/fd/0
                stdout=/proc/self/fd/1
                stderr=/proc/self/fd/2
                ptmx=pts/ptmx""", run.stdout().strip());
    }

    @Test
    void devPtsAndDevShmAreMounted() {
        RuntimeResult run = runShell(newBundle(), "cat /proc/self/mountinfo");

        assertEquals(0, run.exitCode(), run::describe);
        MountInfo mounts = MountInfo.parse(run.stdout());
        assertEquals("tmpfs", mounts.at("/dev").fsType());
        assertEquals("devpts", mounts.at("/dev/pts").fsType());
        assertTrue(mounts.at("/dev/pts").superOptions().contains("ptmxmode=666"), run::describe);
        assertEquals("tmpfs", mounts.at("/dev/shm").fsType());
        assertEquals("mqueue", mounts.at("/dev/mqueue").fsType());
    }

    @Test
    void linuxDevicesCreatesTheNodes() {
        TestBundle bundle = newBundle()
                .device("/dev/jrunc-it-char", "c", 42, 7, 0620, 1000, 1000)
                .device("/dev/jrunc-it-block", "b", 7, 200, 0640, 0, 5);

        RuntimeResult run = runShell(bundle, "stat -c '%n %F %t:%T %a %u:%g' /dev/jrunc-it-char /dev/jrunc-it-block");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("""
                /dev/jrunc-it-char character special file 2a:7 620 1000:1000
                /dev/jrunc-it-block block special file 7:c8 640 0:5""", run.stdout().strip());
    }

    @Test
    void inAUserNamespaceOnlyTheHostsNodeOfThatDeviceIsBound() throws Exception {
        // There a device is the host's node bind-mounted: a linux.devices entry naming a host
        // path that is no such node (/dev/shm, a directory of the host) must not bring it in.
        Path marker = Files.createDirectories(Path.of("/dev/shm", Workspace.uniqueName()));
        try {
            Files.writeString(marker.resolve("marker"), "host shm\n");
            TestBundle bundle = newBundle().namespace(Namespace.USER).userNamespaceMapping(100000, 65536)
                    .device("/dev/shm", "c", 1, 3, 0666, 0, 0);

            RuntimeResult run = runShell(bundle, "ls /dev/shm");

            assertNotEquals(0, run.exitCode(), run::describe);
            assertFalse(run.stdout().contains(marker.getFileName().toString()), run::describe);
            assertTrue(run.command().stderrLines().getFirst().startsWith("linux.devices: "), run::describe);
        } finally {
            FileTrees.remove(marker);
        }
    }
}

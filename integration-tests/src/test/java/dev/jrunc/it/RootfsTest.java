package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.MountInfo;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.SharedRootfs;
import dev.jrunc.it.harness.TestBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** root.readonly and the mounts list: bind mounts and tmpfs, with their options. */
class RootfsTest extends ContainerTestSupport {

    @Test
    void aReadonlyRootCannotBeWritten() {
        String name = "jrunc-it-probe-" + System.nanoTime();

        RuntimeResult run = runShell(newBundle(), "touch /" + name + " 2>&1; echo rc=$?");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().contains("Read-only file system"), run::describe);
        assertFalse(run.stdout().contains("rc=0"), run::describe);
        assertFalse(Files.exists(SharedRootfs.get().rootfs().resolve(name)), "the write reached the rootfs");
    }

    @Test
    void bindMountsAreReadOnlyOrWritableAsAsked() throws Exception {
        Path source = workspace.newDirectory("bind-source");
        Files.writeString(source.resolve("greeting"), "hello from the host\n");
        // A tmpfs under them gives the runtime somewhere to create the mount points without
        // writing to the shared, read-only rootfs.
        TestBundle bundle = newBundle()
                .mount("/mnt", "tmpfs", "tmpfs", "mode=755")
                .mount("/mnt/ro", "bind", source.toString(), "rbind", "ro")
                .mount("/mnt/rw", "bind", source.toString(), "rbind", "rw");

        RuntimeResult run = runShell(bundle, """
                cat /mnt/ro/greeting
                echo written > /mnt/rw/from-container && echo rw-write-ok
                echo written > /mnt/ro/refused 2>/dev/null || echo ro-write-refused
                cat /proc/self/mountinfo""");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().startsWith("hello from the host\nrw-write-ok\nro-write-refused\n"), run::describe);
        MountInfo mounts = MountInfo.parse(run.stdout());
        assertTrue(mounts.at("/mnt/ro").mountOptions().contains("ro"), run::describe);
        assertTrue(mounts.at("/mnt/rw").mountOptions().contains("rw"), run::describe);
        assertEquals("written\n", Files.readString(source.resolve("from-container")));
        assertFalse(Files.exists(source.resolve("refused")));
    }

    @Test
    void aTmpfsMountHasTheGivenModeAndSize() {
        // The mount point is new (made on the outer tmpfs): runc 1.1 gives a tmpfs the mode of an
        // existing mount point directory instead of mode=.
        TestBundle bundle = newBundle()
                .mount("/mnt", "tmpfs", "tmpfs", "mode=755")
                .mount("/mnt/scratch", "tmpfs", "tmpfs", "nosuid", "nodev", "mode=1770", "size=2m");

        RuntimeResult run = runShell(bundle, "stat -c %A /mnt/scratch; cat /proc/self/mountinfo");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().startsWith("drwxrwx--T\n"), run::describe);
        MountInfo.Entry scratch = MountInfo.parse(run.stdout()).at("/mnt/scratch");
        assertEquals("tmpfs", scratch.fsType());
        assertTrue(scratch.mountOptions().containsAll(List.of("nosuid", "nodev")), scratch::toString);
        assertTrue(scratch.superOptions().containsAll(List.of("size=2048k", "mode=1770")), scratch::toString);
    }

    @Test
    void procAndSysAreMountedWithMaskedAndReadonlyPaths() throws Exception {
        // A masked path that is not empty on the host; /proc/kcore is absent on some kernels.
        Path timerList = Path.of("/proc/timer_list");
        assumeTrue(Files.exists(timerList) && !Files.readString(timerList).isEmpty(),
                "the host has no non-empty /proc/timer_list to see masked");

        RuntimeResult run = runShell(newBundle(), """
                cat /proc/self/mountinfo
                echo timer-list-size=$(wc -c < /proc/timer_list)
                echo 1 > /proc/sys/kernel/ns_last_pid 2>/dev/null || echo proc-sys-refused""");

        assertEquals(0, run.exitCode(), run::describe);
        MountInfo mounts = MountInfo.parse(run.stdout());
        assertEquals("proc", mounts.at("/proc").fsType());
        assertEquals("sysfs", mounts.at("/sys").fsType());
        assertTrue(mounts.at("/sys").mountOptions().contains("ro"), run::describe);
        assertTrue(mounts.at("/proc/sys").mountOptions().contains("ro"), run::describe);
        assertTrue(run.stdout().contains("timer-list-size=0\n"), "masked /proc/timer_list must read empty\n"
                + run.describe());
        assertTrue(run.stdout().contains("proc-sys-refused"), run::describe);
    }
}

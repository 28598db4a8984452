package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jrunc.it.harness.ChildReaper;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.HostSnapshot;
import dev.jrunc.it.harness.Leftovers;
import dev.jrunc.it.harness.MountInfo;
import dev.jrunc.it.harness.Namespace;
import dev.jrunc.it.harness.RootfsCopy;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.RuntimeUnderTest;
import dev.jrunc.it.harness.SharedRootfs;
import dev.jrunc.it.harness.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rootfses an image could carry to make the runtime work on the host instead of the container:
 * symlinks out of the rootfs (absolute, relative and climbing with "..") where mount targets,
 * device nodes, masked and read-only paths and the working directory go. Each test runs
 * create, start and delete (the container may fail or run, as with runc), then checks that
 * nothing on the host changed: canary files in a host directory the links point to, /etc/shadow
 * and friends, this process's mount table, and no process, cgroup or state left. Where the
 * container runs, it also shows that the path was resolved inside the rootfs.
 */
class HostileRootfsTest extends ContainerTestSupport {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final long MAPPED_ROOT = 100000;

    /** The directory holding the rootfs copy and the host canaries, nothing else. */
    private Path box;
    private RootfsCopy rootfs;
    /** A host directory the hostile links aim at: {@code secret} and {@code dir/file} inside. */
    private Path host;

    @BeforeEach
    void plantCanaries() throws IOException {
        box = workspace.newDirectory("hostile");
        rootfs = RootfsCopy.of(box.resolve("rootfs"));
        host = Files.createDirectories(box.resolve("host"));
        Files.writeString(host.resolve("secret"), "host secret\n");
        Files.createDirectories(host.resolve("dir"));
        Files.writeString(host.resolve("dir/file"), "host file\n");
    }

    @Test
    void procLinkedToTheHostRootIsRefusedAsByRunc() {
        rootfs.symlink("/proc", "/");

        Outcome outcome = runHostile(bundle("true"));

        outcome.assertRefused(mountField("/proc"), "proc must be mounted on an ordinary directory");
    }

    @Test
    void procLinkedToAHostDirectoryIsRefused() {
        rootfs.symlink("/proc", host.toString());

        runHostile(bundle("true")).assertRefused(mountField("/proc"), "ordinary directory");
    }

    @Test
    void sysLinkedIntoProcIsRefused() {
        rootfs.symlink("/sys", "/proc");

        runHostile(bundle("true")).assertRefused(mountField("/sys"), "sysfs must be mounted on an ordinary directory");
    }

    @Test
    void procThatIsAFileIsRefused() {
        rootfs.file("/proc", "not a directory\n");

        runHostile(bundle("true")).assertRefused(mountField("/proc"), "not a directory");
    }

    @Test
    void devLinkedToTheRootfsRootStaysInside() {
        rootfs.symlink("/dev", "/");

        // The tmpfs for /dev then covers the whole rootfs: the container cannot run, as with runc.
        runHostile(bundle("true"));
    }

    @Test
    void defaultDevicesThroughADevLinkedToAHostDirectoryAreMadeInsideTheRootfs() {
        rootfs.symlink("/dev", host.toString());
        TestBundle bundle = withoutDevMounts(bundle("test -c /dev/null && echo null-is-a-device; ls /dev"));

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertTrue(outcome.output().startsWith("null-is-a-device\n"), outcome::describe);
        // The link was followed inside the rootfs: the nodes sit at the same path below it.
        assertTrue(isCharDevice(rootfs.hostPath(host + "/null")), () -> rootfs.list(host.toString()).toString());
    }

    @Test
    void devNullLinkedToTheHostShadowBecomesTheContainersOwnNode() {
        rootfs.symlink("/dev/null", "/etc/shadow");
        TestBundle bundle = withoutDevMounts(bundle("test -c /dev/null && echo null-is-a-device; echo x > /dev/null"));

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertEquals("null-is-a-device\n", outcome.output(), outcome::describe);
        assertTrue(isCharDevice(rootfs.hostPath("/dev/null")));
    }

    @Test
    void devNullLinkedToAHostFileInAUserNamespaceIsBoundInsideTheRootfs() throws IOException {
        // In a user namespace the host's node is bind-mounted instead of made with mknod, by the
        // container's root, which must own /dev to make the mount points there.
        rootfs.symlink("/dev/null", host.resolve("secret").toString());
        Files.setAttribute(rootfs.hostPath("/dev"), "unix:uid", (int) MAPPED_ROOT);
        Files.setAttribute(rootfs.hostPath("/dev"), "unix:gid", (int) MAPPED_ROOT);
        TestBundle bundle = withoutDevMounts(bundle("test -c /dev/null && echo null-is-a-device; echo x > /dev/null"))
                .namespace(Namespace.USER)
                .userNamespaceMapping(MAPPED_ROOT, 65536);

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertEquals("null-is-a-device\n", outcome.output(), outcome::describe);
        assertTrue(Files.isRegularFile(rootfs.hostPath(host + "/secret"), LinkOption.NOFOLLOW_LINKS),
                "the mount point should have been made where the link leads inside the rootfs");
    }

    @Test
    void mountThroughAnAbsoluteLinkToAHostDirectoryLandsInsideTheRootfs() {
        rootfs.symlink("/mnt/x", host.toString());
        TestBundle bundle = bundle("echo pwned > /mnt/x/sub/deeper/pwned && echo wrote; cat /proc/self/mountinfo")
                .mount("/mnt/x/sub/deeper", "tmpfs", "tmpfs", "mode=755");

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertTrue(outcome.output().startsWith("wrote\n"), outcome::describe);
        // Seen from the container, the tmpfs is at the link's target below its own root.
        assertEquals("tmpfs", MountInfo.parse(outcome.output()).at(host + "/sub/deeper").fsType());
    }

    @Test
    void mountThroughARelativeLinkClimbingOutLandsInsideTheRootfs() {
        rootfs.symlink("/mnt/x", "../".repeat(12) + host.toString().substring(1));
        TestBundle bundle = bundle("echo pwned > /mnt/x/new/pwned && echo wrote; cat /proc/self/mountinfo")
                .mount("/mnt/x/new", "tmpfs", "tmpfs", "mode=755");

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertTrue(outcome.output().startsWith("wrote\n"), outcome::describe);
        assertEquals("tmpfs", MountInfo.parse(outcome.output()).at(host + "/new").fsType());
    }

    @Test
    void bindMountOntoShadowThroughARelativeLinkToEtcCoversTheRootfsShadow() throws IOException {
        Path source = Files.writeString(workspace.path("bound-file"), "bound\n");
        rootfs.symlink("/mnt/etc", "../../../../../../../../etc");
        TestBundle bundle = bundle("cat /etc/shadow").mount("/mnt/etc/shadow", "bind", source.toString(), "bind", "ro");

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertEquals("bound\n", outcome.output(), outcome::describe);
    }

    @Test
    void bindMountOntoEtcHostnameLinkedToTheHostShadowCoversTheRootfsShadow() throws IOException {
        Path source = Files.writeString(workspace.path("hostname-file"), "bound\n");
        rootfs.symlink("/etc/hostname", "/etc/shadow");
        TestBundle bundle = bundle("cat /etc/hostname /etc/shadow")
                .mount("/etc/hostname", "bind", source.toString(), "bind", "ro");

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertEquals("bound\nbound\n", outcome.output(), outcome::describe);
    }

    @Test
    void maskedPathsLinkedOutOfTheRootfsMaskOnlyWhatIsInside() {
        rootfs.symlink("/etc/masked-secret", host.resolve("secret").toString());
        rootfs.symlink("/etc/masked-dir", host.toString());
        rootfs.symlink("/etc/masked-passwd", "../".repeat(12) + "etc/passwd");
        TestBundle bundle = bundle("wc -c < /etc/passwd; ls /etc");
        maskedPaths(bundle).add("/etc/masked-secret").add("/etc/masked-dir").add("/etc/masked-passwd");

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        // The climbing link resolves to the rootfs's own /etc/passwd, which gets masked.
        assertTrue(outcome.output().startsWith("0\n"), outcome::describe);
    }

    @Test
    void readonlyPathLinkedToAHostDirectoryAffectsTheSamePathInsideTheRootfs() throws IOException {
        // A decoy inside the rootfs at the host directory's path: that one must become read-only.
        Files.createDirectories(rootfs.hostPath(host.toString()));
        rootfs.symlink("/etc/ro", "../".repeat(12) + host.toString().substring(1));
        TestBundle bundle = bundle("touch /etc/ro/written 2>/dev/null && echo writable || echo read-only; "
                + "touch /etc/written-elsewhere && echo rest-writable");
        ((ArrayNode) bundle.config().get("linux").get("readonlyPaths")).add("/etc/ro");

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertEquals("read-only\nrest-writable\n", outcome.output(), outcome::describe);
    }

    @Test
    void cwdThroughAnAbsoluteLinkToAHostDirectoryIsMadeInsideTheRootfs() {
        rootfs.symlink("/work", host.toString());
        TestBundle bundle = bundle("pwd; echo pwned > here && echo wrote").cwd("/work/newsub");

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertEquals(host + "/newsub\nwrote\n", outcome.output(), outcome::describe);
        assertTrue(Files.isRegularFile(rootfs.hostPath(host + "/newsub/here")));
    }

    @Test
    void cwdThroughARelativeLinkClimbingOutIsMadeInsideTheRootfs() {
        rootfs.symlink("/work", "../".repeat(12) + host.toString().substring(1));
        TestBundle bundle = bundle("pwd; echo pwned > here && echo wrote").cwd("/work/dir/newsub");

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertEquals(host + "/dir/newsub\nwrote\n", outcome.output(), outcome::describe);
        assertTrue(Files.isRegularFile(rootfs.hostPath(host + "/dir/newsub/here")));
    }

    @Test
    void cwdThroughTheInitsOwnDescriptorsNeverReachesAHostDirectory() {
        // CVE-2024-21626: a cwd of /proc/self/fd/N reached a host directory the runtime leaked.
        for (int fd = 3; fd <= 8; fd++) {
            TestBundle bundle = bundle("pwd; ls").cwd("/proc/self/fd/" + fd);

            Outcome outcome = runHostile(bundle);

            if (outcome.create().exitCode() == 0) {
                assertFalse(outcome.output().contains("jrunc-it-"), outcome::describe);
            }
        }
    }

    @Test
    void aDeviceBelowALinkedDirectoryIsMadeInsideTheRootfs() {
        rootfs.symlink("/dev/x", host.toString());
        TestBundle bundle = withoutDevMounts(bundle("test -c /dev/x/null2 && echo device-made"))
                .device("/dev/x/null2", "c", 1, 3, 0666, 0, 0);

        Outcome outcome = runHostile(bundle);

        outcome.assertRan();
        assertEquals("device-made\n", outcome.output(), outcome::describe);
        assertTrue(isCharDevice(rootfs.hostPath(host + "/null2")));
    }

    @Test
    void aMountDestinationThroughAMagicLinkNameStaysInside() {
        rootfs.symlink("/mnt/x", "/proc/1/root" + host);

        runHostile(bundle("cat /proc/self/mountinfo").mount("/mnt/x/y", "tmpfs", "tmpfs"));
    }

    @Test
    void aSymlinkLoopFailsTheMountCleanly() {
        rootfs.symlink("/mnt/loop", "/mnt/loop");
        TestBundle bundle = bundle("true").mount("/mnt/loop/x", "tmpfs", "tmpfs");

        runHostile(bundle).assertRefused(mountField("/mnt/loop/x"), "");
    }

    // ---- running and checking -------------------------------------------------------------------

    /** What a hostile container did: create's result and, if it ran, its output. */
    private record Outcome(RuntimeResult create, RuntimeResult start, String output) {
        void assertRan() {
            assertEquals(0, create.exitCode(), this::describe);
            assertEquals(0, start.exitCode(), this::describe);
        }

        void assertRefused(String field, String phrase) {
            assertNotEquals(0, create.exitCode(), this::describe);
            String line = create.command().stderrLines().isEmpty() ? "" : create.command().stderrLines().getFirst();
            assertTrue(line.contains(field) && line.contains(phrase),
                    () -> "expected a line naming " + field + " with \"" + phrase + "\"\n" + describe());
        }

        String describe() {
            return "create: " + create.describe() + (start == null ? "" : "\nstart: " + start.describe())
                    + "\noutput: " + output;
        }
    }

    private Outcome runHostile(TestBundle bundle) {
        HostSnapshot before = snapshot();
        String id = runtime.newContainerId();
        Path pidFile = workspace.path(id + ".pid");
        RuntimeResult create = runtime.create(id, bundle, pidFile);
        RuntimeResult start = null;
        String output = "";
        if (create.exitCode() == 0) {
            long pid = Long.parseLong(RuntimeUnderTest.readPidFile(pidFile).strip());
            ChildReaper.instance().watch(pid);
            start = runtime.start(id);
            if (start.exitCode() == 0) {
                assertTrue(ChildReaper.instance().awaitExit(pid, EXIT_TIMEOUT).isPresent(), "the container did not exit");
            }
            output = read(create.command().stdoutFile());
        }
        RuntimeResult delete = runtime.deleteForce(id);
        Outcome outcome = new Outcome(create, start, output);
        List<String> changes = snapshot().changesSince(before);
        assertAll(
                () -> assertEquals(0, delete.exitCode(), delete::describe),
                () -> assertEquals(List.of(), changes, () -> "the host changed\n" + outcome.describe()),
                () -> assertFalse(Files.exists(runtime.stateRoot().resolve(id)), "state directory left behind"),
                () -> assertEquals(List.of(), Leftovers.processesMentioning(id), "processes left behind"),
                () -> assertEquals(List.of(), Leftovers.cgroupsNamed(id), "cgroups left behind"));
        return outcome;
    }

    private HostSnapshot snapshot() {
        List<Path> files = new java.util.ArrayList<>(HostSnapshot.sensitiveHostFiles());
        files.add(box);
        return HostSnapshot.take(files, List.of(host),
                List.of(workspace.directory(), runtime.stateRoot(), SharedRootfs.get().rootfs()));
    }

    private TestBundle bundle(String script) {
        return newBundle(rootfs.path()).shell(script);
    }

    /** Without the /dev tmpfs and its sub-mounts, so the runtime populates the rootfs's own /dev. */
    private static TestBundle withoutDevMounts(TestBundle bundle) {
        ArrayNode mounts = (ArrayNode) bundle.config().get("mounts");
        for (int i = mounts.size() - 1; i >= 0; i--) {
            String destination = mounts.get(i).path("destination").asText();
            if (destination.equals("/dev") || destination.startsWith("/dev/")) {
                mounts.remove(i);
            }
        }
        return bundle;
    }

    private static ArrayNode maskedPaths(TestBundle bundle) {
        return (ArrayNode) bundle.config().get("linux").get("maskedPaths");
    }

    /** The "mounts[N]" name of the template's (or an appended) mount at {@code destination}. */
    private String mountField(String destination) {
        ArrayNode mounts = (ArrayNode) SharedRootfs.get().templateConfig().get("mounts");
        for (int i = 0; i < mounts.size(); i++) {
            if (destination.equals(mounts.get(i).path("destination").asText())) {
                return "mounts[" + i + "]";
            }
        }
        return "mounts[" + mounts.size() + "]";
    }

    private static boolean isCharDevice(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFCHR;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

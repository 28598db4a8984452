package dev.jrunc.container.cgroup.devices;

import static dev.jrunc.container.cgroup.devices.DeviceRule.ANY;
import static dev.jrunc.container.cgroup.devices.DeviceType.ALL;
import static dev.jrunc.container.cgroup.devices.DeviceType.BLOCK;
import static dev.jrunc.container.cgroup.devices.DeviceType.CHAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.Cgroup2Mount;
import dev.jrunc.sys.Bpf;
import dev.jrunc.sys.Files;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DeviceFilter} on the running kernel: the verifier accepts what the compiler emits, and
 * an installed filter decides what a shell in a cgroup of the test's own
 * ({@code jrunc-unit-devices-<pid>}) may open and mknod. Needs root.
 */
class DeviceFilterKernelTest {
    private Path cgroup;
    private Path scratch;

    @BeforeEach
    void makeCgroup() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (bpf(2) and cgroup2 writes)");
        Path mount = Cgroup2Mount.locate();
        assumeTrue(java.nio.file.Files.isWritable(mount), "cgroup2 at " + mount + " is not writable");
        cgroup = java.nio.file.Files.createDirectory(mount.resolve("jrunc-unit-devices-" + ProcessHandle.current().pid()));
        scratch = java.nio.file.Files.createTempDirectory(Path.of("/var/tmp"), "jrunc-unit-devices-");
    }

    @AfterEach
    void removeCgroup() throws IOException {
        if (cgroup != null) {
            java.nio.file.Files.deleteIfExists(cgroup);
        }
        if (scratch != null) {
            try (var files = java.nio.file.Files.list(scratch)) {
                for (Path p : files.toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
            java.nio.file.Files.delete(scratch);
        }
    }

    @Test
    void theVerifierAcceptsWhatTheCompilerEmits() {
        List<List<DeviceRule>> lists = new ArrayList<>(List.of(DeviceRules.forContainer(null), List.of(),
                List.of(new DeviceRule(true, ALL, ANY, ANY, DeviceRule.ALL_ACCESS), DeviceRule.deny(CHAR, 1, 3, "w")),
                List.of(DeviceRule.allow(CHAR, 4_294_967_295L, 2_147_483_648L, "rw"))));
        Random random = new Random(42);
        while (lists.size() < 60) {
            List<DeviceRule> rules = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                DeviceType type = random.nextInt(8) == 0 ? ALL : random.nextBoolean() ? BLOCK : CHAR;
                rules.add(new DeviceRule(random.nextBoolean(), type, random.nextBoolean() ? ANY : random.nextInt(300),
                        random.nextBoolean() ? ANY : random.nextInt(300), 1 + random.nextInt(7)));
            }
            try {
                DevicePolicy.of(rules);
                lists.add(rules);
            } catch (ContainerException holePunched) {
                // not a program
            }
        }
        for (List<DeviceRule> rules : lists) {
            int fd = Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, BpfInsn.encode(DeviceFilter.of(rules).program()),
                    "Apache", "jrunc_test");
            Files.close(fd);
        }
    }

    @Test
    void theFilterDecidesOpensAndAReplacementLeavesOneProgram() throws Exception {
        assertEquals(0, shell("echo > /dev/null").exit, "no filter yet");

        assertTrue(DeviceFilter.install(cgroup, List.of(DeviceRule.deny(ALL, ANY, ANY, "rwm"),
                DeviceRule.allow(CHAR, 1, 5, "rwm"))));
        int[] first = attached();
        assertEquals(1, first.length);
        Result denied = shell("echo > /dev/null");
        assertNotEquals(0, denied.exit);
        assertTrue(denied.stderr.contains("Operation not permitted"), denied.stderr);
        assertEquals("1", shell("head -c 1 /dev/zero | wc -c").stdout.strip());

        assertTrue(DeviceFilter.install(cgroup, List.of(DeviceRule.deny(ALL, ANY, ANY, "rwm"),
                DeviceRule.allow(CHAR, 1, 3, "rw"))));
        int[] second = attached();
        assertEquals(1, second.length, "the previous program is detached");
        assertNotEquals(first[0], second[0]);
        assertEquals(0, shell("echo > /dev/null").exit);
        assertNotEquals(0, shell("head -c 1 /dev/zero").exit);
    }

    @Test
    void mknodNeedsTheMAccess() throws Exception {
        DeviceFilter.install(cgroup, List.of(DeviceRule.deny(ALL, ANY, ANY, "rwm"), DeviceRule.allow(CHAR, 1, 3, "rw")));
        Result denied = shell("mknod " + scratch.resolve("null1") + " c 1 3");
        assertNotEquals(0, denied.exit);
        assertTrue(denied.stderr.contains("Operation not permitted"), denied.stderr);

        DeviceFilter.install(cgroup, DeviceRules.forContainer(null));
        assertEquals(0, shell("mknod " + scratch.resolve("null2") + " c 1 3").exit, "runc's defaults allow mknod");
        assertNotEquals(0, shell("mknod " + scratch.resolve("sda") + " b 8 0 && head -c 1 " + scratch.resolve("sda"))
                .exit, "but not reading a block device");
    }

    @Test
    void aMissingCgroupFailsNamingIt() {
        Path missing = cgroup.resolve("missing");
        ContainerException e = assertThrows(ContainerException.class,
                () -> DeviceFilter.install(missing, DeviceRules.forContainer(null)));
        assertTrue(e.getMessage().startsWith("linux.resources.devices: cannot install the device filter on cgroup "
                + missing + ": openat("), e.getMessage());
    }

    /**
     * A parent with a program attached without BPF_F_ALLOW_MULTI (nor OVERRIDE) forbids any
     * program below it: the attach fails, and nothing stays attached or loaded.
     */
    @Test
    void aRefusedAttachNamesTheCommandAndLeavesNothing() throws IOException {
        Path child = java.nio.file.Files.createDirectory(cgroup.resolve("child"));
        int parentDir = Files.open(cgroup.toString(), Files.O_RDONLY | Files.O_DIRECTORY);
        int exclusive = Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE,
                BpfInsn.encode(List.of(BpfInsn.mov32(0, 1), BpfInsn.exit())), "Apache", "jrunc_test");
        try {
            Bpf.progAttach(parentDir, exclusive, Bpf.ATTACH_CGROUP_DEVICE, 0);
            long openBefore = openProgramDescriptors();
            ContainerException e = assertThrows(ContainerException.class,
                    () -> DeviceFilter.install(child, DeviceRules.forContainer(null)));
            assertTrue(e.getMessage().startsWith("linux.resources.devices: cannot install the device filter on cgroup "
                    + child + ": bpf(BPF_PROG_ATTACH, target_fd="), e.getMessage());
            assertTrue(e.getMessage().endsWith("attach_type=BPF_CGROUP_DEVICE, attach_flags=BPF_F_ALLOW_MULTI): "
                    + "Operation not permitted (EPERM)"), e.getMessage());
            int childDir = Files.open(child.toString(), Files.O_RDONLY | Files.O_DIRECTORY);
            try {
                assertEquals(0, Bpf.progQuery(childDir, Bpf.ATTACH_CGROUP_DEVICE).length);
            } finally {
                Files.close(childDir);
            }
            assertEquals(openBefore, openProgramDescriptors(), "a program descriptor was left open");
        } finally {
            Files.close(exclusive);
            Files.close(parentDir);
            java.nio.file.Files.delete(child);
        }
    }

    /** How many BPF program descriptors this process holds (an unheld, unattached program is freed). */
    private static long openProgramDescriptors() throws IOException {
        long count = 0;
        try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (java.nio.file.Files.readSymbolicLink(fd).toString().equals("anon_inode:bpf-prog")) {
                        count++;
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor
                }
            }
        }
        return count;
    }

    private int[] attached() {
        int dir = Files.open(cgroup.toString(), Files.O_RDONLY | Files.O_DIRECTORY);
        try {
            return Bpf.progQuery(dir, Bpf.ATTACH_CGROUP_DEVICE);
        } finally {
            Files.close(dir);
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    /** Runs {@code script} in a shell that first moves itself into the test cgroup. */
    private Result shell(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs") + " && " + script)
                .start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the shell did not finish");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}

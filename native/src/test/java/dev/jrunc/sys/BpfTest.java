package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * bpf(2) against the running kernel: loads tiny device programs and attaches them to a cgroup of
 * its own ({@code jrunc-test-bpf-<pid>}) on the cgroup2 hierarchy. Needs root.
 */
class BpfTest {
    private Path cgroup;
    private int dirFd = -1;

    @BeforeEach
    void makeCgroup() throws IOException {
        assumeTrue(NativeTestSupport.isRoot(), NativeTestSupport.NEEDS_ROOT);
        Optional<Path> mount = cgroup2Mount();
        assumeTrue(mount.isPresent(), "no cgroup2 hierarchy is mounted");
        cgroup = mount.get().resolve("jrunc-test-bpf-" + ProcessHandle.current().pid());
        java.nio.file.Files.createDirectory(cgroup);
        dirFd = Files.open(cgroup.toString(), Files.O_RDONLY | Files.O_DIRECTORY);
    }

    @AfterEach
    void removeCgroup() throws IOException {
        Files.closeQuietly(dirFd);
        if (cgroup != null) {
            // Attached programs go with the cgroup.
            java.nio.file.Files.deleteIfExists(cgroup);
        }
    }

    @Test
    void loadAttachQueryAndDetach() {
        assertArrayEquals(new int[0], Bpf.progQuery(dirFd, Bpf.ATTACH_CGROUP_DEVICE));
        int prog = Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, returning(1), "Apache", "jrunc_test");
        int byId = -1;
        try {
            assertTrue(prog > 0);
            assertEquals(Files.O_CLOEXEC, NativeTestSupport.openFlags(prog) & Files.O_CLOEXEC);
            assertEquals("anon_inode:bpf-prog", NativeTestSupport.fdTarget(prog));

            Bpf.progAttach(dirFd, prog, Bpf.ATTACH_CGROUP_DEVICE, Bpf.F_ALLOW_MULTI);
            int[] ids = Bpf.progQuery(dirFd, Bpf.ATTACH_CGROUP_DEVICE);
            assertEquals(1, ids.length);
            assertEquals(progId(prog), ids[0]);

            byId = Bpf.progGetFdById(ids[0]);
            assertNotEquals(prog, byId);
            assertEquals(Files.O_CLOEXEC, NativeTestSupport.openFlags(byId) & Files.O_CLOEXEC);
            assertEquals(ids[0], progId(byId));

            Bpf.progDetach(dirFd, byId, Bpf.ATTACH_CGROUP_DEVICE);
            assertArrayEquals(new int[0], Bpf.progQuery(dirFd, Bpf.ATTACH_CGROUP_DEVICE));
        } finally {
            Files.closeQuietly(byId);
            Files.closeQuietly(prog);
        }
    }

    @Test
    void queryListsEveryProgramOfAMultiAttachment() {
        int first = Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, returning(1), "Apache", "jrunc_test");
        int second = Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, returning(1), "Apache", "jrunc_test");
        try {
            Bpf.progAttach(dirFd, first, Bpf.ATTACH_CGROUP_DEVICE, Bpf.F_ALLOW_MULTI);
            Bpf.progAttach(dirFd, second, Bpf.ATTACH_CGROUP_DEVICE, Bpf.F_ALLOW_MULTI);
            assertArrayEquals(new int[] {progId(first), progId(second)}, Bpf.progQuery(dirFd, Bpf.ATTACH_CGROUP_DEVICE));
            Bpf.progDetach(dirFd, first, Bpf.ATTACH_CGROUP_DEVICE);
            assertArrayEquals(new int[] {progId(second)}, Bpf.progQuery(dirFd, Bpf.ATTACH_CGROUP_DEVICE));
        } finally {
            Files.closeQuietly(first);
            Files.closeQuietly(second);
        }
    }

    /**
     * Whether a device program takes effect here. On a hybrid host the v1 devices controller is
     * also consulted, but a process in the v1 root devices cgroup is unrestricted by it, so the
     * verdict seen is the program's.
     */
    @Test
    void aDenyingProgramStopsOpeningDevicesInTheCgroup() throws Exception {
        assertEquals(0, shellInCgroup("echo > /dev/null").exit, "without a program /dev/null must open");
        int prog = Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, returning(0), "Apache", "jrunc_test");
        try {
            Bpf.progAttach(dirFd, prog, Bpf.ATTACH_CGROUP_DEVICE, Bpf.F_ALLOW_MULTI);
        } finally {
            Files.close(prog);
        }
        Result denied = shellInCgroup("echo > /dev/null");
        assertNotEquals(0, denied.exit);
        assertTrue(denied.stderr.contains("Operation not permitted"), denied.stderr);
        // Only device access is filtered: a regular file still opens.
        Path file = java.nio.file.Files.createTempFile(Path.of("/var/tmp"), "jrunc-test-bpf-", ".txt");
        try {
            assertEquals(0, shellInCgroup("echo > " + file).exit);
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void aRefusedProgramReportsTheVerifierLog() {
        // exit without setting r0: the verifier refuses reading an uninitialised register.
        byte[] exitOnly = insn(0x95, 0, 0, 0, 0);
        SyscallException e = assertThrows(SyscallException.class,
                () -> Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, exitOnly, "Apache", "jrunc_test"));
        assertEquals(Errno.EACCES, e.errno());
        assertTrue(e.getMessage().startsWith("bpf(BPF_PROG_LOAD, prog_type=BPF_PROG_TYPE_CGROUP_DEVICE, insn_cnt=1, "
                + "license=\"Apache\", prog_name=\"jrunc_test\"): Permission denied (EACCES): verifier log:\n"),
                e.getMessage());
        assertTrue(e.getMessage().contains("R0 !read_ok"), e.getMessage());
    }

    @Test
    void failuresNameTheCommandAndArguments() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> Bpf.progAttach(dirFd, dirFd, Bpf.ATTACH_CGROUP_DEVICE, Bpf.F_ALLOW_MULTI));
        assertEquals("bpf(BPF_PROG_ATTACH, target_fd=" + dirFd + ", attach_bpf_fd=" + dirFd
                + ", attach_type=BPF_CGROUP_DEVICE, attach_flags=BPF_F_ALLOW_MULTI): " + Errno.describe(e.errno())
                + " (" + Errno.name(e.errno()) + ")", e.getMessage());
        SyscallException missing = assertThrows(SyscallException.class, () -> Bpf.progGetFdById(-2));
        assertEquals(Errno.ENOENT, missing.errno());
        assertEquals("bpf(BPF_PROG_GET_FD_BY_ID, prog_id=4294967294): No such file or directory (ENOENT)",
                missing.getMessage());
    }

    @Test
    void malformedProgramsAreRefusedBeforeTheKernel() {
        assertThrows(IllegalArgumentException.class,
                () -> Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, new byte[12], "Apache", "jrunc_test"));
        assertThrows(IllegalArgumentException.class,
                () -> Bpf.progLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, returning(1), "Apache", "name_of_16_chars"));
    }

    private record Result(int exit, String stderr) {
    }

    /** Runs {@code script} in a shell that first moves itself into the test cgroup. */
    private Result shellInCgroup(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c",
                "echo $$ > " + cgroup.resolve("cgroup.procs") + " && " + script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the shell did not finish");
        return new Result(p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The kernel's id of a loaded program, from its fdinfo. */
    private static int progId(int fd) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
                if (line.startsWith("prog_id:")) {
                    return Integer.parseInt(line.substring(8).trim());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("fd " + fd + " has no prog_id");
    }

    /** {@code r0 = verdict; exit}. */
    private static byte[] returning(int verdict) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        b.put(insn(0xb4, 0, 0, 0, verdict)).put(insn(0x95, 0, 0, 0, 0));
        return b.array();
    }

    private static byte[] insn(int code, int dst, int src, int off, int imm) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).put((byte) code).put((byte) (src << 4 | dst))
                .putShort((short) off).putInt(imm).array();
    }

    private static Optional<Path> cgroup2Mount() throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(Path.of("/proc/self/mountinfo"));
        for (String line : lines) {
            String[] halves = line.split(" - ", 2);
            if (halves.length == 2 && halves[1].startsWith("cgroup2 ")) {
                String[] f = halves[0].split(" ");
                if (f[3].equals("/")) {
                    return Optional.of(Path.of(f[4]));
                }
            }
        }
        return Optional.empty();
    }
}

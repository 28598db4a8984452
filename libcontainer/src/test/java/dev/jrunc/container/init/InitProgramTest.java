package dev.jrunc.container.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.init.InitPrograms.Operation;
import dev.jrunc.container.init.InitPrograms.Reader;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InitProgramTest {

    private static Operation only(InitProgram p) {
        List<Operation> ops = InitPrograms.decode(InitPrograms.encode(p));
        assertEquals(1, ops.size());
        return ops.get(0);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void opCodesMatchNsexecC() throws IOException {
        // enum op in native/src/main/c/nsexec.c, read from the source so a new operation on either
        // side without the other fails here.
        Path source = Path.of("../native/src/main/c/nsexec.c");
        assumeTrue(java.nio.file.Files.exists(source), "nsexec.c not found from " + Path.of("").toAbsolutePath());
        Map<String, Integer> inC = new TreeMap<>();
        Matcher m = Pattern.compile("^\\s*OP_([A-Z0-9_]+)\\s*=\\s*(\\d+)\\s*,", Pattern.MULTILINE)
                .matcher(java.nio.file.Files.readString(source));
        while (m.find()) {
            inC.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        Map<String, Integer> inJava = new TreeMap<>();
        for (InitProgram.Op op : InitProgram.Op.values()) {
            inJava.put(op.name(), op.code);
        }
        assertTrue(inC.size() >= 25, "parsed only " + inC);
        assertEquals(inC, inJava);
        // The first ones, independently of the C source.
        assertEquals(1, InitProgram.Op.SETNS.code);
        assertEquals(4, InitProgram.Op.FORK.code);
        assertEquals(18, InitProgram.Op.EXEC.code);
        assertEquals(19, InitProgram.Op.REPORT.code);
    }

    @Test
    void headerIsOpCodeThenPayloadLengthInNativeByteOrder() {
        byte[] packet = InitPrograms.encode(new InitProgram().setns(0x40000000, "/proc/1/ns/net"));
        int payload = 4 + "/proc/1/ns/net".length() + 1;
        assertEquals(8 + payload, packet.length);
        byte[] head = Arrays.copyOf(packet, 8);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            assertArrayEquals(new byte[] {1, 0, 0, 0, (byte) payload, 0, 0, 0}, head);
            assertArrayEquals(new byte[] {0, 0, 0, 0x40}, Arrays.copyOfRange(packet, 8, 12));
        } else {
            assertArrayEquals(new byte[] {0, 0, 0, 1, 0, 0, 0, (byte) payload}, head);
            assertArrayEquals(new byte[] {0x40, 0, 0, 0}, Arrays.copyOfRange(packet, 8, 12));
        }
        // The string follows, NUL-terminated.
        assertEquals("/proc/1/ns/net", new String(packet, 12, payload - 5, StandardCharsets.UTF_8));
        assertEquals(0, packet[packet.length - 1]);
    }

    @Test
    void setnsAndUnshare() {
        Operation op = only(new InitProgram().setns(0x20000, "/proc/42/ns/mnt"));
        assertEquals(1, op.code());
        Reader r = op.reader();
        assertEquals(0x20000, r.u32());
        assertEquals("/proc/42/ns/mnt", r.str());
        assertTrue(r.atEnd());

        op = only(new InitProgram().unshare(0x6c020000));
        assertEquals(2, op.code());
        r = op.reader();
        assertEquals(0x6c020000, r.u32());
        assertTrue(r.atEnd());
    }

    @Test
    void writeFileIsAPathThenRawBytesToTheEnd() {
        Operation op = only(new InitProgram().writeFile("/proc/self/timens_offsets", "monotonic 5 0\n"));
        assertEquals(3, op.code());
        Reader r = op.reader();
        assertEquals("/proc/self/timens_offsets", r.str());
        assertArrayEquals(utf8("monotonic 5 0\n"), r.rest());
    }

    @Test
    void writeFileContentMayContainNulButNotItsPath() {
        Operation op = only(new InitProgram().writeFile("/f", "a\0b"));
        Reader r = op.reader();
        assertEquals("/f", r.str());
        assertArrayEquals(new byte[] {'a', 0, 'b'}, r.rest());
        assertThrows(IllegalArgumentException.class, () -> new InitProgram().writeFile("/f\0x", "c"));
    }

    @Test
    void forkCarriesItsCgroupDescriptorAndSetsidNothing() {
        List<Operation> ops = InitPrograms.decode(InitPrograms.encode(new InitProgram().fork().setsid()
                .forkInto(7, "/sys/fs/cgroup/c1")));
        assertEquals(3, ops.size());
        assertEquals(4, ops.get(0).code());
        assertEquals(-1, ops.get(0).reader().u32(), "a plain fork names no cgroup");
        assertEquals(22, ops.get(1).code());
        assertEquals(0, ops.get(1).payload().length);
        assertEquals(4, ops.get(2).code());
        assertEquals(7, ops.get(2).reader().u32(), "the helper's descriptor of the cgroup directory");
    }

    @Test
    void setnsFdCarriesTheTypeAndTheHelpersDescriptor() {
        Operation op = only(new InitProgram().setnsFd(0x02000000, 9, "setns(/proc/42/ns/cgroup)"));
        assertEquals(34, op.code());
        Reader r = op.reader();
        assertEquals(0x02000000, r.u32());
        assertEquals(9, r.u32());
    }

    @Test
    void fsmountCarriesAttrsParamsTypeAndSource() {
        Operation op = only(new InitProgram().fsmount("tmpfs", "shm",
                List.of(new String[] {"size", "65536k"}, new String[] {"noswap", ""}), 0x6L, "mounts[2] (tmpfs on /dev/shm)"));
        assertEquals(5, op.code());
        Reader r = op.reader();
        assertEquals(6, r.u32());
        assertEquals(2, r.u32());
        assertEquals("tmpfs", r.str());
        assertEquals("shm", r.str());
        assertEquals("size", r.str());
        assertEquals("65536k", r.str());
        assertEquals("noswap", r.str());
        assertEquals("", r.str());
        assertTrue(r.atEnd());
    }

    @Test
    void fsmountWithoutASourceSendsAnEmptyString() {
        Reader r = only(new InitProgram().fsmount("proc", null, List.of(), 0, "proc")).reader();
        assertEquals(0, r.u32());
        assertEquals(0, r.u32());
        assertEquals("proc", r.str());
        assertEquals("", r.str());
        assertTrue(r.atEnd());
    }

    @Test
    void singleStringOperations() {
        Operation chdir = only(new InitProgram().chdir("/home/user"));
        assertEquals(6, chdir.code());
        assertEquals("/home/user", chdir.reader().str());
        Operation chroot = only(new InitProgram().chroot("/rootfs"));
        assertEquals(7, chroot.code());
        assertEquals("/rootfs", chroot.reader().str());
    }

    @Test
    void setgroupsIsACountThenTheIds() {
        Operation op = only(new InitProgram().setgroups(List.of(10, 20, 4_000_000)));
        assertEquals(8, op.code());
        Reader r = op.reader();
        assertEquals(3, r.u32());
        assertEquals(10, r.u32());
        assertEquals(20, r.u32());
        assertEquals(4_000_000, r.u32());
        assertTrue(r.atEnd());
        Reader empty = only(new InitProgram().setgroups(List.of())).reader();
        assertEquals(0, empty.u32());
        assertTrue(empty.atEnd());
    }

    @Test
    void singleU32Operations() {
        InitProgram p = new InitProgram().setresgid(100).setresuid(-2).umask(027).waitFd(5).close(6).closeFrom(7)
                .setControllingTerminal(0).receiveFd(9).report(42);
        int[][] expected = {{9, 100}, {10, -2}, {11, 027}, {16, 5}, {17, 6}, {20, 7}, {23, 0}, {24, 9}, {19, 42}};
        List<Operation> ops = InitPrograms.decode(InitPrograms.encode(p));
        assertEquals(expected.length, ops.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], ops.get(i).code(), "op " + i);
            assertEquals(4, ops.get(i).payload().length, "op " + i);
            assertEquals(expected[i][1], ops.get(i).reader().u32(), "op " + i);
        }
    }

    @Test
    void dup2IsTwoU32s() {
        Reader r = only(new InitProgram().dup2(3, 0)).reader();
        assertEquals(3, r.u32());
        assertEquals(0, r.u32());
        assertTrue(r.atEnd());
    }

    @Test
    void prctlIsOptionAndFourU64s() {
        Operation op = only(new InitProgram().prctl(47, 2, 21, "raise ambient capability CAP_SYS_ADMIN"));
        assertEquals(12, op.code());
        assertEquals(4 + 4 * 8, op.payload().length);
        Reader r = op.reader();
        assertEquals(47, r.u32());
        assertEquals(2, r.u64());
        assertEquals(21, r.u64());
        assertEquals(0, r.u64());
        assertEquals(0, r.u64());
    }

    @Test
    void capsetSplitsEachMaskIntoLowAndHighWords() {
        long eff = 0x1_0000_0021L; // CAP_CHOWN, CAP_KILL and cap 32 (CAP_MAC_OVERRIDE)
        long prm = 0x1ff_ffff_ffffL;
        long inh = 0x8000_0000L;
        Operation op = only(new InitProgram().capset(eff, prm, inh));
        assertEquals(13, op.code());
        Reader r = op.reader();
        // nsexec.c reads effective[0..1], permitted[0..1], inheritable[0..1] (struct __user_cap_data_struct[2])
        assertEquals(0x21, r.u32());
        assertEquals(1, r.u32());
        assertEquals(0xffff_ffff, r.u32());
        assertEquals(0x1ff, r.u32());
        assertEquals(0x8000_0000, r.u32());
        assertEquals(0, r.u32());
        assertTrue(r.atEnd());
    }

    @Test
    void setrlimitIsResourceSoftHard() {
        Operation op = only(new InitProgram().setrlimit(7, 1024, -1L, "RLIMIT_NOFILE"));
        assertEquals(14, op.code());
        Reader r = op.reader();
        assertEquals(7, r.u32());
        assertEquals(1024, r.u64());
        assertEquals(-1L, r.u64());
        assertTrue(r.atEnd());
    }

    @Test
    void seccompIsFlagsThenTheFilterBytes() {
        byte[] filter = {6, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f}; // BPF_RET | BPF_K, SECCOMP_RET_ALLOW
        Operation op = only(new InitProgram().seccomp(1, filter));
        assertEquals(15, op.code());
        Reader r = op.reader();
        assertEquals(1, r.u32());
        assertArrayEquals(filter, r.rest());
    }

    @Test
    void execIsCountsPathArgvEnvp() {
        Operation op = only(new InitProgram().exec("/bin/sh", List.of("sh", "-c", "echo hi"), List.of("A=1", "PATH=/bin")));
        assertEquals(18, op.code());
        Reader r = op.reader();
        assertEquals(3, r.u32());
        assertEquals(2, r.u32());
        assertEquals("/bin/sh", r.str());
        assertEquals("sh", r.str());
        assertEquals("-c", r.str());
        assertEquals("echo hi", r.str());
        assertEquals("A=1", r.str());
        assertEquals("PATH=/bin", r.str());
        assertTrue(r.atEnd());
    }

    @Test
    void stringsAreUtf8() {
        Reader r = only(new InitProgram().chdir("/h\u00e9\u00e9")).reader();
        assertEquals("/h\u00e9\u00e9", r.str());
        assertEquals(1 + 1 + 2 * 2 + 1, only(new InitProgram().chdir("/h\u00e9\u00e9")).payload().length);
    }

    @Test
    void operationsAreEncodedInOrder() {
        InitProgram p = new InitProgram().closeFrom(4).unshare(0x20000).fork().chdir("/").exec("/x", List.of(), List.of());
        List<Operation> ops = InitPrograms.decode(InitPrograms.encode(p));
        assertEquals(List.of(20, 2, 4, 6, 18), ops.stream().map(Operation::code).toList());
        assertEquals(5, InitPrograms.size(p));
    }

    @Test
    void describeNamesEachOperation() {
        InitProgram p = new InitProgram().setns(0x40000000, "/proc/1/ns/net").unshare(0x20000)
                .writeFile("/proc/self/timens_offsets", "x").fork().chdir("/work").setresuid(1000)
                .setresgid(-1).umask(022).capset(1, 2, 0).setrlimit(7, 10, -1L, "RLIMIT_NOFILE")
                .waitFd(4).close(4).closeFrom(5).dup2(3, 1).receiveFd(0).report(1).exec("/bin/true", List.of(), List.of())
                .setgroups(List.of(1, 2)).prctl(38, 1, 0, "prctl(PR_SET_NO_NEW_PRIVS, 1)");
        assertEquals(List.of("setns(/proc/1/ns/net)", "unshare(0x20000)", "write /proc/self/timens_offsets", "fork",
                "chdir to cwd (/work)", "setresuid(1000)", "setresgid(4294967295)", "umask(022)",
                "capset(effective=0x1, permitted=0x2, inheritable=0x0)",
                "setrlimit(RLIMIT_NOFILE, soft=10, hard=18446744073709551615)", "wait for start on fd 4", "close(4)",
                "close_range(5, ~0)", "dup2(3, 1)", "receive fd as 0", "report 1", "exec /bin/true",
                "setgroups([1, 2])", "prctl(PR_SET_NO_NEW_PRIVS, 1)"), InitPrograms.descriptions(p));
    }

    @Test
    void describeOutOfRangeFallsBackToTheIndex() {
        InitProgram p = new InitProgram().fork();
        assertEquals("operation 1", InitPrograms.describe(p, 1));
        assertEquals("operation -1", InitPrograms.describe(p, -1));
        assertEquals("operation 0", InitPrograms.describe(new InitProgram(), 0));
    }

    @Test
    void aNulInsideAStringIsRejectedAndLeavesTheProgramUnchanged() {
        InitProgram p = new InitProgram().chdir("/ok");
        byte[] before = InitPrograms.encode(p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.chdir("/a\0b"));
        assertEquals("string with a NUL byte: /a@b", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.setns(0, "/proc/\0"));
        assertThrows(IllegalArgumentException.class, () -> p.exec("/bin/sh", List.of("sh", "a\0"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> p.exec("/bin/sh", List.of("sh"), List.of("A=\0")));
        assertThrows(IllegalArgumentException.class,
                () -> p.fsmount("tmpfs", "tmpfs", List.<String[]>of(new String[] {"size", "1\0"}), 0, "x"));
        assertArrayEquals(before, InitPrograms.encode(p));
        assertEquals(1, InitPrograms.size(p));
    }

    @Test
    void anEmptyProgramEncodesToNothing() {
        assertEquals(0, InitPrograms.encode(new InitProgram()).length);
        assertEquals(0, InitPrograms.size(new InitProgram()));
    }
}

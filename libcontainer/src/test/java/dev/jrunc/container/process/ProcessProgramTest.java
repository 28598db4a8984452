package dev.jrunc.container.process;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.init.HelperProcess;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.container.init.InitPrograms;
import dev.jrunc.spec.SpecProcess;
import dev.jrunc.spec.SpecReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class ProcessProgramTest {

    private static SpecProcess process(String json) {
        return SpecReader.parseProcess(json.getBytes(StandardCharsets.UTF_8), "process.json");
    }

    private static final String FULL = """
            {"cwd": "/work", "args": ["sh"], "noNewPrivileges": true,
             "user": {"uid": 1000, "gid": 1001, "umask": 23, "additionalGids": [10, 20]},
             "capabilities": {"bounding": ["CAP_KILL", "CAP_CHOWN"], "effective": ["CAP_KILL"],
                              "permitted": ["CAP_KILL"], "inheritable": ["CAP_KILL"], "ambient": ["CAP_KILL"]},
             "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 200, "soft": 100}]}
            """;

    // ---- validate ------------------------------------------------------------------------

    @Test
    void aValidProcessPasses() {
        assertDoesNotThrow(() -> ProcessProgram.validate(process(FULL)));
        assertDoesNotThrow(() -> ProcessProgram.validate(process("{\"cwd\": \"/\", \"args\": [\"sh\"]}")));
    }

    @Test
    void anUnknownCapabilityNamesItsList() {
        for (String list : List.of("bounding", "effective", "permitted", "inheritable", "ambient")) {
            SpecProcess p = process("{\"cwd\": \"/\", \"args\": [\"sh\"], \"capabilities\": {\"" + list
                    + "\": [\"CAP_KILL\", \"CAP_NOPE\"]}}");
            ContainerException e = assertThrows(ContainerException.class, () -> ProcessProgram.validate(p), list);
            assertEquals("process.capabilities." + list + ": unknown capability \"CAP_NOPE\"", e.getMessage());
        }
    }

    @Test
    void anUnknownRlimitNamesItsIndex() {
        SpecProcess p = process("""
                {"cwd": "/", "args": ["sh"], "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1, "soft": 1},
                                                         {"type": "RLIMIT_BOGUS", "hard": 1, "soft": 1}]}
                """);
        ContainerException e = assertThrows(ContainerException.class, () -> ProcessProgram.validate(p));
        assertEquals("process.rlimits[1].type: unknown rlimit \"RLIMIT_BOGUS\"", e.getMessage());
    }

    // ---- appendSetup ---------------------------------------------------------------------

    @Test
    void appendSetupFollowsRuncsOrder() {
        InitProgram program = new InitProgram();
        ProcessProgram.appendSetup(program, process(FULL), null);
        int lastCap = CapabilityNames.lastCap();
        List<String> expected = new ArrayList<>();
        expected.add("setrlimit(RLIMIT_NOFILE, soft=100, hard=200)");
        for (int cap = 0; cap <= lastCap; cap++) {
            if (cap != 0 && cap != 5) {
                expected.add("drop capability " + cap + " from the bounding set");
            }
        }
        expected.addAll(List.of("prctl(PR_SET_KEEPCAPS, 1)", "setgroups([10, 20])", "setresgid(1001)",
                "setresuid(1000)", "prctl(PR_SET_KEEPCAPS, 0)",
                "capset(effective=0x20, permitted=0x20, inheritable=0x20)", "raise ambient capability CAP_KILL",
                "chdir to cwd (/work)", "umask(027)", "prctl(PR_SET_NO_NEW_PRIVS, 1)"));
        assertEquals(expected, InitPrograms.descriptions(program));
        // The wire carries the same thing: rlimit first, then bounding drops (PR_CAPBSET_DROP = 24).
        List<InitPrograms.Operation> ops = InitPrograms.decode(InitPrograms.encode(program));
        assertEquals(expected.size(), ops.size());
        InitPrograms.Reader rlimit = ops.get(0).reader();
        assertEquals(7, rlimit.u32());
        assertEquals(100, rlimit.u64());
        assertEquals(200, rlimit.u64());
        InitPrograms.Reader drop = ops.get(1).reader();
        assertEquals(24, drop.u32());
        assertEquals(1, drop.u64());
    }

    @Test
    void anAppArmorProfileIsSetForTheExecBeforeEverythingElse() {
        SpecProcess confined = process("""
                {"cwd": "/", "args": ["sh"], "apparmorProfile": "containers-default-0.50.1", "noNewPrivileges": true,
                 "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 200, "soft": 100}]}
                """);
        InitProgram program = new InitProgram();

        ProcessProgram.appendSetup(program, confined, null);

        List<String> steps = InitPrograms.descriptions(program);
        assertTrue(steps.getFirst().startsWith("process.apparmorProfile: apply AppArmor profile "
                + "\"containers-default-0.50.1\" (write /proc/thread-self/attr/"), steps::toString);
        // before no_new_privs, which would restrict the transition
        assertEquals("prctl(PR_SET_NO_NEW_PRIVS, 1)", steps.getLast());
        InitPrograms.Operation write = InitPrograms.decode(InitPrograms.encode(program)).getFirst();
        assertEquals(3, write.code(), "OP_WRITE_FILE");
        String payload = new String(write.payload(), StandardCharsets.UTF_8);
        assertTrue(payload.matches("/proc/thread-self/attr/(apparmor/)?exec\0exec containers-default-0\\.50\\.1"),
                payload);
    }

    @Test
    void anAppArmorProfileOnAHostWithoutAppArmorIsRefusedNamingTheField() throws IOException {
        Path enabled = Path.of("/sys/module/apparmor/parameters/enabled");
        assumeTrue(!java.nio.file.Files.exists(enabled) || !java.nio.file.Files.readString(enabled).startsWith("Y"),
                "this host has AppArmor enabled");
        SpecProcess confined = process("{\"cwd\": \"/\", \"args\": [\"sh\"], \"apparmorProfile\": \"x\"}");

        ContainerException e = assertThrows(ContainerException.class, () -> ProcessProgram.validate(confined));

        assertEquals("process.apparmorProfile: AppArmor profile \"x\" given, but AppArmor is not enabled on this host "
                + "(/sys/module/apparmor/parameters/enabled)", e.getMessage());
        assertDoesNotThrow(() -> ProcessProgram.validate(process("{\"cwd\": \"/\", \"args\": [\"sh\"], "
                + "\"apparmorProfile\": \"\"}")));
    }

    @Test
    void aSeccompFilterGoesBeforeTheCapabilityDropWithoutNoNewPrivsAndLastWithIt() {
        dev.jrunc.container.seccomp.CompiledFilter filter =
                new dev.jrunc.container.seccomp.CompiledFilter(new byte[] {6, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f}, 0);
        String seccomp = "seccomp(SECCOMP_SET_MODE_FILTER, flags=0)";

        InitProgram withoutNnp = new InitProgram();
        SpecProcess privileged = process("{\"cwd\": \"/\", \"args\": [\"sh\"], \"user\": {\"uid\": 0, \"gid\": 0}}");
        ProcessProgram.appendSetup(withoutNnp, privileged, filter);
        ProcessProgram.appendFinalFilter(withoutNnp, privileged, filter);
        List<String> early = InitPrograms.descriptions(withoutNnp);
        assertEquals(1, early.stream().filter(seccomp::equals).count(), early::toString);
        assertTrue(early.indexOf(seccomp) < early.indexOf("drop capability 0 from the bounding set"), early::toString);

        InitProgram withNnp = new InitProgram();
        SpecProcess confined = process(FULL);
        ProcessProgram.appendSetup(withNnp, confined, filter);
        withNnp.report(1);
        ProcessProgram.appendFinalFilter(withNnp, confined, filter);
        List<String> late = InitPrograms.descriptions(withNnp);
        assertEquals(1, late.stream().filter(seccomp::equals).count(), late::toString);
        assertEquals(seccomp, late.getLast(), late::toString);
    }

    @Test
    void ambientCapabilitiesThatCannotBeRaisedAreLeftOut() {
        // runc 1.1's default spec lists ambient capabilities without inheritable ones.
        SpecProcess p = process("""
                {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0},
                 "capabilities": {"bounding": ["CAP_KILL", "CAP_CHOWN"], "permitted": ["CAP_KILL", "CAP_CHOWN"],
                                  "inheritable": ["CAP_CHOWN"], "ambient": ["CAP_KILL", "CAP_CHOWN"]}}
                """);
        InitProgram program = new InitProgram();

        ProcessProgram.appendSetup(program, p, null);

        List<String> ambient = InitPrograms.descriptions(program).stream().filter(d -> d.startsWith("raise ambient")).toList();
        assertEquals(List.of("raise ambient capability CAP_CHOWN"), ambient);
    }

    @Test
    void appendSetupWithoutCapabilitiesDropsTheWholeBoundingSet() {
        InitProgram program = new InitProgram();
        ProcessProgram.appendSetup(program, process("{\"cwd\": \"/\", \"args\": [\"sh\"], \"user\": {\"uid\": 0, \"gid\": 0}}"), null);
        List<String> d = InitPrograms.descriptions(program);
        assertEquals(CapabilityNames.lastCap() + 1, d.stream().filter(s -> s.startsWith("drop capability")).count());
        assertTrue(d.contains("capset(effective=0x0, permitted=0x0, inheritable=0x0)"), d.toString());
        assertTrue(d.contains("setgroups([])"), d.toString());
        assertTrue(d.contains("umask(022)"), "runc's default umask: " + d);
        assertTrue(d.stream().noneMatch(s -> s.contains("NO_NEW_PRIVS")), d.toString());
    }

    @Test
    void appendSetupWithoutAUserRunsAsRoot() {
        SpecProcess p = process("{\"cwd\": \"/\", \"args\": [\"sh\"]}");
        assertEquals(null, p.user());
        InitProgram program = new InitProgram();
        ProcessProgram.appendSetup(program, p, null);
        List<String> d = InitPrograms.descriptions(program);
        assertTrue(d.contains("setgroups([])"), d.toString());
        assertTrue(d.contains("setresgid(0)"), d.toString());
        assertTrue(d.contains("setresuid(0)"), d.toString());
    }

    // ---- end to end in the real helper (root) ------------------------------------------------

    private static String status(int pid, String field) throws IOException {
        return java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith(field)).findFirst().orElseThrow().substring(field.length()).strip();
    }

    @Test
    void theHelperBecomesTheConfiguredProcess() throws IOException {
        assumeTrue(status((int) ProcessHandle.current().pid(), "Uid:").startsWith("0\t"),
                "needs root: the helper switches to uid 1000 and drops capabilities");
        assumeTrue((Long.parseUnsignedLong(status((int) ProcessHandle.current().pid(), "CapEff:"), 16) & 0x1e1) == 0x1e1,
                "needs CAP_CHOWN, CAP_KILL, CAP_SETGID, CAP_SETUID and CAP_SETPCAP");
        SpecProcess p = process(FULL.replace("\"/work\"", "\"/\""));
        try (HelperProcess helper = HelperProcess.spawn(0, List.of())) {
            InitProgram program = new InitProgram().closeFrom(helper.firstFreeFd());
            ProcessProgram.appendSetup(program, p, null);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> helper.channel().run(program));
            int pid = helper.pid();
            assertEquals("1000\t1000\t1000\t1000", status(pid, "Uid:"));
            assertEquals("1001\t1001\t1001\t1001", status(pid, "Gid:"));
            assertEquals("10 20", status(pid, "Groups:"));
            assertEquals("0000000000000021", status(pid, "CapBnd:"));
            assertEquals("0000000000000020", status(pid, "CapPrm:"));
            assertEquals("0000000000000020", status(pid, "CapEff:"));
            assertEquals("0000000000000020", status(pid, "CapInh:"));
            assertEquals("0000000000000020", status(pid, "CapAmb:"));
            assertEquals("1", status(pid, "NoNewPrivs:"));
            assertEquals("0027", status(pid, "Umask:"));
            String nofile = java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/limits")).stream()
                    .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow();
            assertEquals(List.of("100", "200", "files"),
                    List.of(nofile.substring("Max open files".length()).strip().split("\\s+")));
        }
    }

    @Test
    void aMissingCwdFailsInTheHelperNamingIt() {
        SpecProcess p = process("{\"cwd\": \"/nonexistent-jrunc-cwd\", \"args\": [\"sh\"], \"user\": {\"uid\": 0, \"gid\": 0},"
                + " \"capabilities\": {\"bounding\": [\"CAP_KILL\"]}}");
        assumeTrue(isRoot(), "needs root to set ids in the helper");
        try (HelperProcess helper = HelperProcess.spawn(0, List.of())) {
            InitProgram program = new InitProgram();
            ProcessProgram.appendSetup(program, p, null);
            ContainerException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(ContainerException.class, () -> helper.channel().run(program)));
            assertEquals("unable to start container process: chdir to cwd (/nonexistent-jrunc-cwd): no such file or directory",
                    e.getMessage());
        }
    }

    private static boolean isRoot() {
        try {
            return status((int) ProcessHandle.current().pid(), "Uid:").startsWith("0\t");
        } catch (IOException e) {
            return false;
        }
    }
}

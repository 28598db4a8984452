package dev.jrunc.container.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.container.init.InitPrograms;
import dev.jrunc.spec.Linux;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;
import dev.jrunc.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the process settings beyond credentials become helper operations (codes in nsexec.c's enum op). */
class ProcessAttributesTest {
    private static final int SCHED_SETATTR = 27;
    private static final int IOPRIO_SET = 28;
    private static final int PERSONALITY = 29;
    private static final int SET_AFFINITY = 30;
    private static final int WRITE_PROC = 31;
    private static final SecurityModules APPARMOR_HOST = new SecurityModules(true, "attr/apparmor/exec", false);
    private static final SecurityModules SELINUX_HOST = new SecurityModules(false, "attr/exec", true);

    private static SpecProcess process(String extra) {
        return SpecReader.parseProcess(("{\"cwd\": \"/\", \"args\": [\"sh\"]" + extra + "}")
                .getBytes(StandardCharsets.UTF_8), "process.json");
    }

    private static Linux linux(String json) {
        Spec spec = SpecReader.parseConfig(("{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": \"r\"}, "
                + "\"process\": {\"cwd\": \"/\", \"args\": [\"sh\"]}, \"linux\": " + json + "}")
                .getBytes(StandardCharsets.UTF_8), "config.json");
        return spec.linux();
    }

    private static List<InitPrograms.Operation> ops(ProcessAttributes attributes) {
        InitProgram program = new InitProgram();
        attributes.appendTo(program);
        return InitPrograms.decode(InitPrograms.encode(program));
    }

    private static List<String> descriptions(ProcessAttributes attributes) {
        InitProgram program = new InitProgram();
        attributes.appendTo(program);
        return InitPrograms.descriptions(program);
    }

    private static byte[] allCpus() {
        byte[] b = new byte[1024];
        Arrays.fill(b, (byte) 0xff);
        return b;
    }

    @Test
    void theInitIsResetToEveryCpuAndNothingElseByDefault() {
        List<InitPrograms.Operation> ops = ops(ProcessAttributes.forInit(process(""), null, SecurityModules.NONE));
        assertEquals(1, ops.size());
        assertEquals(SET_AFFINITY, ops.getFirst().code());
        assertArrayEquals(allCpus(), ops.getFirst().payload());
    }

    @Test
    void execCpuAffinityDoesNotApplyToTheInit() {
        ProcessAttributes init = ProcessAttributes.forInit(process(", \"execCPUAffinity\": {\"initial\": \"1\", \"final\": \"0\"}"),
                null, SecurityModules.NONE);
        assertNull(init.initialAffinity());
        assertArrayEquals(allCpus(), ops(init).getFirst().payload());
    }

    @Test
    void schedulerBecomesOneSchedSetattr() {
        List<InitPrograms.Operation> ops = ops(ProcessAttributes.forInit(process(", \"scheduler\": {\"policy\": "
                + "\"SCHED_DEADLINE\", \"nice\": -3, \"flags\": [\"SCHED_FLAG_RESET_ON_FORK\", \"SCHED_FLAG_RECLAIM\"],"
                + " \"runtime\": 1000000, \"deadline\": 5000000, \"period\": 18000000}"), null, SecurityModules.NONE));
        assertEquals(2, ops.size());
        InitPrograms.Operation op = ops.get(1);
        assertEquals(SCHED_SETATTR, op.code());
        InitPrograms.Reader r = op.reader();
        assertEquals(6, r.u32(), "policy SCHED_DEADLINE");
        assertEquals(0, r.u32(), "priority");
        assertEquals(-3, r.u32(), "nice");
        assertEquals(0x3, r.u64(), "flags");
        assertEquals(1_000_000, r.u64());
        assertEquals(5_000_000, r.u64());
        assertEquals(18_000_000, r.u64());
        assertTrue(r.atEnd());
    }

    @Test
    void everySchedulerPolicyAndFlagHasTheKernelsNumber() {
        List<String> policies = List.of("SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO",
                "SCHED_IDLE", "SCHED_DEADLINE");
        for (int i = 0; i < policies.size(); i++) {
            String priority = policies.get(i).equals("SCHED_FIFO") || policies.get(i).equals("SCHED_RR") ? "1" : "0";
            InitPrograms.Reader r = ops(ProcessAttributes.forInit(process(", \"scheduler\": {\"policy\": \""
                    + policies.get(i) + "\", \"priority\": " + priority + "}"), null, SecurityModules.NONE)).get(1).reader();
            assertEquals(i, r.u32(), policies.get(i));
        }
        List<String> flags = List.of("SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM", "SCHED_FLAG_DL_OVERRUN",
                "SCHED_FLAG_KEEP_POLICY", "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_UTIL_CLAMP_MIN", "SCHED_FLAG_UTIL_CLAMP_MAX");
        for (int i = 0; i < flags.size(); i++) {
            InitPrograms.Reader r = ops(ProcessAttributes.forInit(process(", \"scheduler\": {\"policy\": \"SCHED_OTHER\","
                    + " \"flags\": [\"" + flags.get(i) + "\"]}"), null, SecurityModules.NONE)).get(1).reader();
            r.u32();
            r.u32();
            r.u32();
            assertEquals(1L << i, r.u64(), flags.get(i));
        }
    }

    @Test
    void ioPriorityIsClassShiftedBy13OrLevelForTheProcessItself() {
        int[][] cases = {{1, 0}, {2, 7}, {3, 4}};
        List<String> classes = List.of("IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE");
        for (int i = 0; i < cases.length; i++) {
            List<InitPrograms.Operation> ops = ops(ProcessAttributes.forInit(process(", \"ioPriority\": {\"class\": \""
                    + classes.get(i) + "\", \"priority\": " + cases[i][1] + "}"), null, SecurityModules.NONE));
            InitPrograms.Operation op = ops.get(1);
            assertEquals(IOPRIO_SET, op.code());
            InitPrograms.Reader r = op.reader();
            assertEquals(1, r.u32(), "IOPRIO_WHO_PROCESS");
            assertEquals(0, r.u32(), "who: the calling process");
            assertEquals(cases[i][0] << 13 | cases[i][1], r.u32(), classes.get(i));
        }
    }

    @Test
    void personalityDomains() {
        for (String[] c : new String[][] {{"LINUX", "0"}, {"LINUX32", "8"}}) {
            List<InitPrograms.Operation> ops = ops(ProcessAttributes.forInit(process(""),
                    linux("{\"personality\": {\"domain\": \"" + c[0] + "\"}}"), SecurityModules.NONE));
            assertEquals(PERSONALITY, ops.get(1).code());
            assertEquals(Integer.parseInt(c[1]), ops.get(1).reader().u32(), c[0]);
        }
    }

    @Test
    void theStepsComeInRuncsOrder() {
        ProcessAttributes a = ProcessAttributes.forInit(process(", \"scheduler\": {\"policy\": \"SCHED_BATCH\", "
                + "\"nice\": 5}, \"ioPriority\": {\"class\": \"IOPRIO_CLASS_BE\", \"priority\": 2}, "
                + "\"apparmorProfile\": \"jrunc-test\""), linux("{\"personality\": {\"domain\": \"LINUX32\"}}"),
                APPARMOR_HOST);
        assertEquals(List.of("sched_setaffinity(all CPUs)", "process.scheduler: sched_setattr(SCHED_BATCH, nice=5, priority=0)",
                "process.ioPriority: ioprio_set(IOPRIO_CLASS_BE, 2)", "linux.personality: personality(LINUX32)",
                "process.apparmorProfile: apply AppArmor profile \"jrunc-test\" at exec"), descriptions(a));
    }

    @Test
    void anAppArmorProfileIsAnExecRequestToTheModulesOwnAttribute() {
        List<InitPrograms.Operation> ops = ops(ProcessAttributes.forInit(process(", \"apparmorProfile\": \"jrunc-test\""),
                null, APPARMOR_HOST));
        InitPrograms.Operation op = ops.get(1);
        assertEquals(WRITE_PROC, op.code());
        InitPrograms.Reader r = op.reader();
        assertEquals("/proc/self/attr/apparmor/exec", r.str());
        assertEquals("exec jrunc-test", new String(r.rest(), StandardCharsets.UTF_8));

        ProcessAttributes older = ProcessAttributes.forInit(process(", \"apparmorProfile\": \"unconfined\""), null,
                new SecurityModules(true, "attr/exec", false));
        assertEquals("/proc/self/attr/exec", ops(older).get(1).reader().str());
    }

    @Test
    void anAppArmorProfileIsRefusedWhereAppArmorIsNotEnabled() {
        ContainerException e = assertThrows(ContainerException.class, () -> ProcessAttributes.forInit(
                process(", \"apparmorProfile\": \"docker-default\""), null, SecurityModules.NONE));
        assertEquals("process.apparmorProfile: AppArmor profile \"docker-default\" specified but AppArmor is not "
                + "enabled on this host", e.getMessage());
        // An empty profile means none, as in runc.
        assertEquals(1, ops(ProcessAttributes.forInit(process(", \"apparmorProfile\": \"\""), null,
                SecurityModules.NONE)).size());
    }

    @Test
    void anSelinuxLabelIsTheExecAttributeAndIsRefusedWithoutSelinuxAsInRunc() {
        String label = "system_u:system_r:container_t:s0:c1,c2";
        ProcessAttributes a = ProcessAttributes.forInit(process(", \"selinuxLabel\": \"" + label + "\""), null,
                SELINUX_HOST);
        assertEquals(label, a.selinuxLabel());
        InitPrograms.Reader r = ops(a).get(1).reader();
        assertEquals("/proc/self/attr/exec", r.str());
        assertEquals(label, new String(r.rest(), StandardCharsets.UTF_8));

        ContainerException e = assertThrows(ContainerException.class, () -> ProcessAttributes.forInit(
                process(", \"selinuxLabel\": \"" + label + "\""), null, APPARMOR_HOST));
        assertEquals("process.selinuxLabel: selinux label is specified in config, but selinux is disabled or not "
                + "supported", e.getMessage());
    }

    @Test
    void theHostIsOnlyProbedWhenALabelAsksForIt() {
        assertEquals(SecurityModules.NONE, SecurityModules.probeFor(null, "", null));
        assertEquals(SecurityModules.probe(), SecurityModules.probeFor(null, "docker-default"));
    }

    // ---- exec CPU affinity (runc's setnsProcess) ----------------------------------------

    @Test
    void anExecWithoutAffinityIsResetToEveryCpu() {
        ProcessAttributes a = ProcessAttributes.forExec(process(""), null, SecurityModules.NONE);
        assertNull(a.initialAffinity());
        assertArrayEquals(allCpus(), ops(a).getFirst().payload());
    }

    @Test
    void anExecWithOnlyAnInitialAffinityKeepsIt() {
        ProcessAttributes a = ProcessAttributes.forExec(process(", \"execCPUAffinity\": {\"initial\": \"1,3\"}"), null,
                SecurityModules.NONE);
        assertArrayEquals(new byte[] {0x0a, 0, 0, 0, 0, 0, 0, 0}, a.initialAffinity());
        assertTrue(ops(a).isEmpty(), "no affinity step: the helper's initial one stays");
    }

    @Test
    void aFinalAffinityIsSetInTheProcessAfterTheInitialOne() {
        ProcessAttributes a = ProcessAttributes.forExec(process(", \"execCPUAffinity\": {\"initial\": \"0\", "
                + "\"final\": \"0-2,64\"}"), null, SecurityModules.NONE);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, a.initialAffinity());
        InitPrograms.Operation op = ops(a).getFirst();
        assertEquals(SET_AFFINITY, op.code());
        byte[] expected = new byte[16];
        expected[0] = 0x07;
        expected[8] = 0x01;
        assertArrayEquals(expected, op.payload());
        assertEquals("process.execCPUAffinity.final: sched_setaffinity(0-2,64)", descriptions(a).getFirst());
    }

    @Test
    void emptyAffinityListsCountAsUnset() {
        ProcessAttributes a = ProcessAttributes.forExec(process(", \"execCPUAffinity\": {\"initial\": \"\", "
                + "\"final\": \"\"}"), null, SecurityModules.NONE);
        assertNull(a.initialAffinity());
        assertArrayEquals(allCpus(), ops(a).getFirst().payload());
    }

    @Test
    void aBadListNamesItsField() {
        ContainerException e = assertThrows(ContainerException.class, () -> ProcessAttributes.forExec(
                process(", \"execCPUAffinity\": {\"final\": \"2-1\"}"), null, SecurityModules.NONE));
        assertEquals("process.execCPUAffinity.final: invalid range \"2-1\"", e.getMessage());
    }
}

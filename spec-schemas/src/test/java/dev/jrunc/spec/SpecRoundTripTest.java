package dev.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** parse(write(x)) equals x, and what runc writes is written back byte for byte. */
class SpecRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "runc-spec.json", "runc-1.1.5-spec.json", "containerd-config.json", "containerd-config-tty.json",
        "podman-config.json", "podman-config-tty.json"})
    void engineConfigsRoundTrip(String name) {
        Spec spec = TestResources.config(name);
        assertEquals(spec, SpecReader.parseConfig(SpecWriter.write(spec), "written"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc-spec.json", "runc-1.1.5-spec.json"})
    void runcSpecOutputIsReproducedExactly(String name) {
        byte[] original = TestResources.bytes(name);
        String written = new String(SpecWriter.write(SpecReader.parseConfig(original, name)), StandardCharsets.UTF_8);
        assertEquals(new String(original, StandardCharsets.UTF_8), written);
    }

    @ParameterizedTest
    @ValueSource(strings = {"containerd-exec-process.json", "podman-exec-process.json"})
    void execProcessesRoundTrip(String name) {
        SpecProcess process = SpecReader.parseProcess(TestResources.bytes(name), name);
        assertEquals(process, SpecReader.parseProcess(SpecWriter.writeProcess(process), "written"));
    }

    @Test
    void updateResourcesRoundTrip() {
        Resources resources = SpecReader.parseResources(TestResources.bytes("podman-update-resources.json"), "r");
        assertEquals(resources, SpecReader.parseResources(SpecWriter.writeResources(resources), "written"));
    }

    @Test
    void everyFieldRoundTrips() {
        Spec spec = FullSpec.build();
        byte[] written = SpecWriter.write(spec);

        assertEquals(spec, SpecReader.parseConfig(written, "written"));
        assertEquals(List.of(), SpecValidator.problems(spec));
    }

    @Test
    void schedulerPriorityRoundTrips() {
        Scheduler fifo = new Scheduler("SCHED_FIFO", 0, 42, List.of(), 0, 0, 0);
        Spec full = FullSpec.build();
        SpecProcess p = full.process();
        Spec spec = new Spec(full.ociVersion(), new SpecProcess(p.terminal(), p.consoleSize(), p.user(), p.args(),
                p.commandLine(), p.env(), p.cwd(), p.capabilities(), p.rlimits(), p.noNewPrivileges(),
                p.apparmorProfile(), p.oomScoreAdj(), fifo, p.selinuxLabel(), p.ioPriority(), p.execCpuAffinity()),
                full.root(), full.hostname(), full.domainname(), full.mounts(), full.hooks(), full.annotations(),
                full.linux());
        assertEquals(fifo, SpecReader.parseConfig(SpecWriter.write(spec), "written").process().scheduler());
        assertEquals(List.of(), SpecValidator.problems(spec));
    }

    @Test
    void unsigned64BitValuesSurviveExactly() {
        String json = """
                {"ociVersion": "1.3.0",
                 "process": {"cwd": "/", "args": ["sh"],
                   "rlimits": [{"type": "RLIMIT_CORE", "hard": 18446744073709551615, "soft": 9223372036854775808}]},
                 "linux": {"resources": {"memory": {"limit": -1, "swap": 9223372036854775807},
                                         "cpu": {"quota": -1, "period": 18446744073709551615}},
                   "seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["personality"],
                     "action": "SCMP_ACT_ERRNO",
                     "args": [{"index": 0, "value": 18446744073709551614, "valueTwo": 18446744073709551615,
                               "op": "SCMP_CMP_MASKED_EQ"}]}]}}}
                """;
        Spec spec = SpecReader.parseConfig(json.getBytes(StandardCharsets.UTF_8), "config.json");

        Rlimit core = spec.process().rlimits().getFirst();
        assertEquals(-1L, core.hard());
        assertEquals("18446744073709551615", Long.toUnsignedString(core.hard()));
        assertEquals(Long.MIN_VALUE, core.soft());
        assertEquals(-1L, spec.linux().resources().memory().limit());
        assertEquals(Long.MAX_VALUE, spec.linux().resources().memory().swap());
        assertEquals(-1L, spec.linux().resources().cpu().quota());
        assertEquals(-1L, spec.linux().resources().cpu().period());
        SeccompArg arg = spec.linux().seccomp().syscalls().getFirst().args().getFirst();
        assertEquals(-2L, arg.value());
        assertEquals(-1L, arg.valueTwo());

        String written = new String(SpecWriter.write(spec), StandardCharsets.UTF_8);
        assertContains(written, "\"hard\": 18446744073709551615");
        assertContains(written, "\"soft\": 9223372036854775808");
        assertContains(written, "\"limit\": -1");
        assertContains(written, "\"quota\": -1");
        assertContains(written, "\"period\": 18446744073709551615");
        assertContains(written, "\"value\": 18446744073709551614");
        assertEquals(spec, SpecReader.parseConfig(written.getBytes(StandardCharsets.UTF_8), "written"));
    }

    @Test
    void writerLeavesOutNullsAndEmptyCollections() {
        Spec spec = new Spec("1.3.0",
                new SpecProcess(false, null, new User(0, 0, null, null, null), List.of("sh"), null, null, "/",
                        null, null, false, null, null, null, null, null, null),
                new Root("rootfs", false), null, null, null, null, null, null);

        String written = new String(SpecWriter.write(spec), StandardCharsets.UTF_8);

        assertEquals("""
                {
                \t"ociVersion": "1.3.0",
                \t"process": {
                \t\t"user": {
                \t\t\t"uid": 0,
                \t\t\t"gid": 0
                \t\t},
                \t\t"args": [
                \t\t\t"sh"
                \t\t],
                \t\t"cwd": "/"
                \t},
                \t"root": {
                \t\t"path": "rootfs"
                \t}
                }""", written);
    }

    @Test
    void annotationOrderIsKept() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("z.last.first", "1");
        annotations.put("a.first.last", "2");
        Spec spec = new Spec("1.3.0", null, null, null, null, null, null, annotations, null);

        String written = new String(SpecWriter.write(spec), StandardCharsets.UTF_8);

        assertFalse(written.indexOf("a.first.last") < written.indexOf("z.last.first"), written);
        assertEquals(List.of("z.last.first", "a.first.last"),
                List.copyOf(SpecReader.parseConfig(SpecWriter.write(spec), "w").annotations().keySet()));
    }

    private static void assertContains(String text, String part) {
        if (!text.contains(part)) {
            throw new AssertionError("expected <" + part + "> in:\n" + text);
        }
    }
}

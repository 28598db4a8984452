package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.create.UnsupportedSettingsProbe;
import dev.jrunc.container.process.CapabilityNames;
import dev.jrunc.container.rootfs.MountOptions;
import dev.jrunc.container.seccomp.SeccompCompiler;
import dev.jrunc.spec.Features;
import dev.jrunc.spec.Hook;
import dev.jrunc.spec.Hooks;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.spec.Seccomp;
import dev.jrunc.spec.SeccompAction;
import dev.jrunc.spec.SeccompOperator;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.Syscall;
import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonValue;
import dev.jrunc.sys.LibSeccomp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeaturesCommandTest {
    private static CliRun run;
    private static JsonValue.Obj doc;
    private static JsonValue.Obj linux;

    @BeforeAll
    static void runFeatures() {
        run = CliRun.of("features");
        doc = Json.parseObject(run.out());
        linux = (JsonValue.Obj) doc.get("linux");
    }

    @Test
    void succeedsWithFourSpaceJsonAndATrailingNewline() {
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("{\n    \"ociVersionMin\": \"1.0.0\",\n    \"ociVersionMax\": \"1.3.0\",\n"),
                run.out());
        assertTrue(run.out().endsWith("\n}\n"), run.out());
        assertEquals(List.of("ociVersionMin", "ociVersionMax", "hooks", "mountOptions", "linux", "annotations",
                "potentiallyUnsafeConfigAnnotations"), List.copyOf(doc.members().keySet()));
    }

    @Test
    void hooksAreExactlyThePhasesCreateAccepts() {
        List<String> hooks = texts(doc.get("hooks"));
        List<String> accepted = new ArrayList<>();
        for (String phase : List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart",
                "poststop")) {
            if (UnsupportedSettingsProbe.accepts(withHook(phase))) {
                accepted.add(phase);
            }
        }
        assertEquals(accepted, hooks);
        assertTrue(UnsupportedSettingsProbe.accepts(SpecCommand.example(true)), "the probe accepts a plain config");
    }

    @Test
    void noConfigAnnotationsIsAnEmptyListNotUnknown() {
        // features.md: an absent list means "unknown", an empty one "none".
        assertEquals(List.of(), texts(doc.get("potentiallyUnsafeConfigAnnotations")));
        Features none = new Features("1.0.0", "1.3.0", List.of(), List.of(), null, Map.of(), List.of());
        JsonValue.Obj rendered = Json.parseObject(FeaturesCommand.render(none));
        assertEquals(List.of("ociVersionMin", "ociVersionMax", "hooks", "potentiallyUnsafeConfigAnnotations"),
                List.copyOf(rendered.members().keySet()));
        assertEquals(List.of(), texts(rendered.get("hooks")));
    }

    @Test
    void apparmorAndSelinuxSupportIsBuiltIn() {
        assertEquals(Map.of("enabled", true), flags((JsonValue.Obj) linux.get("apparmor")));
        assertEquals(Map.of("enabled", true), flags((JsonValue.Obj) linux.get("selinux")));
    }

    @Test
    void everyListedMountOptionIsRecognisedByMountOptions() {
        List<String> options = texts(doc.get("mountOptions"));
        assertEquals(new TreeSet<>(options).stream().toList(), options, "sorted, no duplicates");
        for (String option : options) {
            MountOptions parsed = MountOptions.parse("tmpfs", List.of(option), "mounts[0].options");
            assertTrue(parsed.data().isEmpty(), option + " would be passed to the file system");
        }
        assertTrue(options.containsAll(List.of("ro", "rro", "rbind", "bind", "rslave", "runbindable", "ratime",
                "rnorelatime", "nosymfollow", "strictatime", "tmpcopyup", "defaults")));
        // Passed to the file system, or refused: not recognised options.
        assertFalse(MountOptions.parse("tmpfs", List.of("mode=755"), "m").data().isEmpty());
        for (String notListed : List.of("mode=755", "size=65536k", "idmap", "ridmap", "sync", "remount")) {
            assertFalse(options.contains(notListed), notListed);
        }
        assertThrows(ContainerException.class, () -> MountOptions.parse("bind", List.of("idmap"), "m"));
    }

    @Test
    void allEightNamespaces() {
        List<String> expected = Arrays.stream(NamespaceType.values()).map(NamespaceType::specName).sorted().toList();
        assertEquals(8, expected.size());
        assertEquals(expected, texts(linux.get("namespaces")));
    }

    @Test
    void capabilitiesAreExactlyTheKernels() throws IOException {
        int lastCap = kernelLastCap();
        List<String> caps = texts(linux.get("capabilities"));
        assertEquals(Math.min(lastCap, 40) + 1, caps.size(), caps::toString);
        for (int i = 0; i < caps.size(); i++) {
            assertEquals(i, CapabilityNames.number(caps.get(i), "test"), caps.get(i));
        }
        assertEquals("CAP_CHOWN", caps.getFirst());
        assertEquals(List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE"), FeaturesCommand.capabilities(1));
        assertEquals("CAP_AUDIT_READ", FeaturesCommand.capabilities(37).getLast());
        assertEquals(41, FeaturesCommand.capabilities(63).size());
    }

    @Test
    void cgroupV2OnlyAndNoRdtIdmapOrNetDevices() {
        assertEquals(Map.of("v1", false, "v2", true, "systemd", false, "systemdUser", false, "rdma", true),
                flags((JsonValue.Obj) linux.get("cgroup")));
        for (String feature : List.of("intelRdt", "netDevices")) {
            assertEquals(Map.of("enabled", false), flags((JsonValue.Obj) linux.get(feature)), feature);
        }
        JsonValue.Obj idmap = (JsonValue.Obj) ((JsonValue.Obj) linux.get("mountExtensions")).get("idmap");
        assertEquals(Map.of("enabled", false), flags(idmap));
        assertEquals(null, linux.get("memoryPolicy"));
    }

    @Test
    void annotationsAreJruncsOwn() {
        JsonValue.Obj annotations = (JsonValue.Obj) doc.get("annotations");
        assertEquals(JruncVersion.VERSION, text(annotations.get("dev.jrunc.version")));
        if (LibSeccomp.isInstalled()) {
            assertEquals(LibSeccomp.version().toString(), text(annotations.get("io.github.seccomp.libseccomp.version")));
            assertEquals(2, annotations.members().size());
        }
        assertFalse(annotations.members().containsKey("org.opencontainers.runc.checkpoint.enabled"));
    }

    @Test
    void seccompListsWhatTheCompilerAccepts() {
        assumeTrue(LibSeccomp.isInstalled(), "libseccomp.so.2 is not installed");
        JsonValue.Obj seccomp = (JsonValue.Obj) linux.get("seccomp");
        assertEquals(new JsonValue.Bool(true), seccomp.get("enabled"));

        List<String> actions = texts(seccomp.get("actions"));
        assertEquals(List.of("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS",
                "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP"), actions);
        for (String action : actions) {
            SeccompAction a = SeccompAction.fromSpecName(action);
            if (a == SeccompAction.NOTIFY) {
                // A rule action only, as in runc: never the default.
                assertTrue(SeccompCompiler.compile(notifyProfile(List.of())).hasListener());
                assertThrows(ContainerException.class,
                        () -> SeccompCompiler.compile(profile(SeccompAction.NOTIFY, List.of(), List.of())));
                continue;
            }
            assertTrue(SeccompCompiler.compile(profile(a, List.of(), List.of())).instructions() > 0, action);
        }

        assertEquals(Arrays.stream(SeccompOperator.values()).map(SeccompOperator::specName).sorted().toList(),
                texts(seccomp.get("operators")));

        List<String> archs = texts(seccomp.get("archs"));
        assertTrue(archs.containsAll(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64", "SCMP_ARCH_X86")), archs::toString);
        for (String arch : archs) {
            assertTrue(SeccompCompiler.compile(profile(SeccompAction.ALLOW, List.of(arch), List.of())).instructions() > 0,
                    arch);
        }
        assertFalse(archs.contains("SCMP_ARCH_NOPE"));

        assertEquals(List.of("SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
                "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"), texts(seccomp.get("knownFlags")));
        List<String> supported = texts(seccomp.get("supportedFlags"));
        assertTrue(supported.contains("SECCOMP_FILTER_FLAG_TSYNC"));
        assertEquals(LibSeccomp.kernelAcceptsFilterFlag(SeccompCompiler.FLAG_NEW_LISTENER
                | SeccompCompiler.FLAG_WAIT_KILLABLE_RECV), supported.contains("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"));
        for (String flag : supported) {
            if (flag.equals("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV")) {
                SeccompCompiler.compile(notifyProfile(List.of(flag)));
            } else {
                SeccompCompiler.compile(profile(SeccompAction.ALLOW, List.of(), List.of(flag)));
            }
        }
        ContainerException e = assertThrows(ContainerException.class, () -> SeccompCompiler.compile(
                profile(SeccompAction.ALLOW, List.of(), List.of("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"))));
        assertTrue(e.getMessage().contains("SCMP_ACT_NOTIFY"), e.getMessage());
    }

    @Test
    void theFlagProbeTellsKnownFlagsFromUnknownOnes() {
        assumeTrue(LibSeccomp.isInstalled(), "libseccomp.so.2 is not installed");
        // SECCOMP_FILTER_FLAG_TSYNC is in every kernel with seccomp(2); bit 30 is in none.
        assertTrue(dev.jrunc.sys.LibSeccomp.kernelAcceptsFilterFlag(1));
        assertFalse(dev.jrunc.sys.LibSeccomp.kernelAcceptsFilterFlag(1 << 30));
    }

    @Test
    void refusesArguments() {
        CliRun r = CliRun.of("features", "extra");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("\"features\" requires exactly 0 argument(s)"), r.err());
        assertEquals("", r.out());
    }

    private static Spec withHook(String phase) {
        List<Hook> one = List.of(new Hook("/bin/true", List.of("true"), List.of(), null));
        Hooks hooks = new Hooks(phase.equals("prestart") ? one : null, phase.equals("createRuntime") ? one : null,
                phase.equals("createContainer") ? one : null, phase.equals("startContainer") ? one : null,
                phase.equals("poststart") ? one : null, phase.equals("poststop") ? one : null);
        Spec s = SpecCommand.example(true);
        return new Spec(s.ociVersion(), s.process(), s.root(), s.hostname(), s.domainname(), s.mounts(), hooks,
                s.annotations(), s.linux());
    }

    private static Seccomp profile(SeccompAction defaultAction, List<String> archs, List<String> flags) {
        SeccompAction ruleAction = defaultAction == SeccompAction.ALLOW ? SeccompAction.ERRNO : SeccompAction.ALLOW;
        return new Seccomp(defaultAction, null, archs, flags, null, null,
                List.of(new Syscall(List.of("getpid"), ruleAction, null, List.of())));
    }

    private static Seccomp notifyProfile(List<String> flags) {
        return new Seccomp(SeccompAction.ALLOW, null, List.of(), flags, "/run/jrunc-test-agent.sock", null,
                List.of(new Syscall(List.of("mkdir"), SeccompAction.NOTIFY, null, List.of())));
    }

    /** cap_last_cap in one read (sysctl files answer a second read at an offset with EOF). */
    private static int kernelLastCap() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/kernel/cap_last_cap"))) {
            return Integer.parseInt(new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip());
        }
    }

    static List<String> texts(JsonValue value) {
        List<String> out = new ArrayList<>();
        for (JsonValue e : assertInstanceOf(JsonValue.Arr.class, value).elements()) {
            out.add(text(e));
        }
        return out;
    }

    static String text(JsonValue value) {
        return assertInstanceOf(JsonValue.Str.class, value).value();
    }

    private static Map<String, Boolean> flags(JsonValue.Obj obj) {
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        obj.members().forEach((k, v) -> out.put(k, assertInstanceOf(JsonValue.Bool.class, v).value()));
        return out;
    }
}

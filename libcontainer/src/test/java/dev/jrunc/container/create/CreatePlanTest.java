package dev.jrunc.container.create;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.process.SecurityModules;
import dev.jrunc.container.rootfs.DeviceNode;
import dev.jrunc.container.rootfs.IdMap;
import dev.jrunc.container.rootfs.RootfsConfig;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.spec.Spec;
import dev.jrunc.sys.Mounts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreatePlanTest {
    private static final String ALL_NS = """
            "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}]""";

    @TempDir
    Path bundle;

    @BeforeEach
    void setUp() throws IOException {
        java.nio.file.Files.createDirectories(bundle.resolve("rootfs"));
    }

    private static CreateOptions options() {
        return new CreateOptions("c1", null, null, null, false, false, 0);
    }

    private CreatePlan plan(Spec spec) {
        return CreatePlan.of("c1", bundle, spec, options());
    }

    private ContainerException failure(Spec spec) {
        return assertThrows(ContainerException.class, () -> plan(spec));
    }

    @Test
    void aTypicalConfigIsPlanned() throws IOException {
        Spec spec = SpecFixtures.config("""
                "hostname": "box", "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                                              {"destination": "/data", "type": "bind", "source": "rootfs", "options": ["rbind"]}]""",
                ALL_NS + """
                , "cgroupsPath": "/jrunc-test/c1", "maskedPaths": ["/proc/kcore"], "readonlyPaths": ["/proc/sys"],
                  "devices": [{"path": "/dev/fuse", "type": "c", "major": 10, "minor": 229, "fileMode": 438}]""");
        CreatePlan p = plan(spec);
        assertEquals("c1", p.id());
        assertEquals(bundle, p.bundle());
        assertEquals("/jrunc-test/c1", p.cgroupsPath());
        assertTrue(p.ids().isIdentity());
        RootfsConfig r = p.rootfs();
        assertEquals(bundle.resolve("rootfs").toRealPath().toString(), r.rootfs());
        assertFalse(r.readonly());
        assertEquals(Mounts.MS_SLAVE | Mounts.MS_REC, r.propagation(), "runc's default");
        assertFalse(r.explicitPropagation());
        assertEquals(2, r.mounts().size());
        assertEquals("proc", r.mounts().get(0).fstype());
        assertEquals(bundle.resolve("rootfs").toString(), r.mounts().get(1).source());
        assertEquals(List.of(new DeviceNode("/dev/fuse", 'c', 10, 229, 0666, 0, 0)), r.devices());
        assertEquals(List.of("/proc/kcore"), r.maskedPaths());
        assertEquals(List.of("/proc/sys"), r.readonlyPaths());
        assertTrue(r.setupDev());
        assertFalse(r.hostDevices());
        assertFalse(r.noPivot());
        assertFalse(r.chroot());
        assertEquals("/", r.cwd());
        assertTrue(p.namespaces().types().contains(NamespaceType.UTS));
    }

    @Test
    void theRootfsIsTheRealPath() throws IOException {
        java.nio.file.Files.createSymbolicLink(bundle.resolve("link"), bundle.resolve("rootfs"));
        Spec spec = SpecFixtures.parse("""
                {"ociVersion": "1.3.0", "root": {"path": "link"}, "process": {"cwd": "/", "args": ["sh"]},
                 "linux": {"namespaces": [{"type": "mount"}]}}""");
        assertEquals(bundle.resolve("rootfs").toRealPath().toString(), plan(spec).rootfs().rootfs());
        Spec absolute = SpecFixtures.parse("""
                {"ociVersion": "1.3.0", "root": {"path": "%s"}, "process": {"cwd": "/", "args": ["sh"]},
                 "linux": {"namespaces": [{"type": "mount"}]}}""".formatted(bundle.resolve("rootfs/../rootfs")));
        assertEquals(bundle.resolve("rootfs").toRealPath().toString(), plan(absolute).rootfs().rootfs());
    }

    @Test
    void aMissingRootfsNamesRootPath() {
        Spec spec = SpecFixtures.parse("""
                {"ociVersion": "1.3.0", "root": {"path": "nothere"}, "process": {"cwd": "/", "args": ["sh"]},
                 "linux": {"namespaces": [{"type": "mount"}]}}""");
        assertEquals("root.path: rootfs " + bundle.resolve("nothere") + ": no such file or directory",
                failure(spec).getMessage());
    }

    @Test
    void aRootfsThatIsAFileIsNotADirectory() throws IOException {
        java.nio.file.Files.writeString(bundle.resolve("file"), "x");
        Spec spec = SpecFixtures.parse("""
                {"ociVersion": "1.3.0", "root": {"path": "file"}, "process": {"cwd": "/", "args": ["sh"]},
                 "linux": {"namespaces": [{"type": "mount"}]}}""");
        assertTrue(failure(spec).getMessage().startsWith("root.path: "));
    }

    @Test
    void aMissingRootIsRequired() {
        Spec spec = SpecFixtures.parse("""
                {"ociVersion": "1.3.0", "process": {"cwd": "/", "args": ["sh"]}, "linux": {"namespaces": [{"type": "mount"}]}}""");
        assertEquals("root.path: required", failure(spec).getMessage());
    }

    @Test
    void aProcessIsRequired() {
        Spec spec = SpecFixtures.parse("{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": \"rootfs\"}}");
        assertEquals("process: required to create a container", failure(spec).getMessage());
    }

    @Test
    void aTerminalNeedsAConsoleSocket() {
        Spec spec = SpecFixtures.parse("""
                {"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"terminal": true, "cwd": "/", "args": ["sh"]}}""");
        assertEquals("process.terminal: cannot allocate a tty without --console-socket", failure(spec).getMessage());
    }

    @Test
    void aHostnameNeedsAUtsNamespace() {
        ContainerException e = failure(SpecFixtures.config("\"hostname\": \"box\"", "\"namespaces\": [{\"type\": \"mount\"}]"));
        assertEquals("hostname: unable to set the host name without a private UTS namespace", e.getMessage());
        ContainerException d = failure(SpecFixtures.config("\"domainname\": \"example.org\"",
                "\"namespaces\": [{\"type\": \"mount\"}]"));
        assertEquals("domainname: unable to set the domain name without a private UTS namespace", d.getMessage());
        assertDoesNotThrow(() -> plan(SpecFixtures.config("\"hostname\": \"box\"",
                "\"namespaces\": [{\"type\": \"mount\"}, {\"type\": \"uts\"}]")));
    }

    @Test
    void anEmptyHostnameNeedsNoUtsNamespace() {
        assertDoesNotThrow(() -> plan(SpecFixtures.config("\"hostname\": \"\"", "\"namespaces\": [{\"type\": \"mount\"}]")));
        assertDoesNotThrow(() -> plan(SpecFixtures.config("\"domainname\": \"\"", "\"namespaces\": [{\"type\": \"mount\"}]")));
    }

    @Test
    void aReadonlyRootNeedsAMountNamespace() {
        Spec spec = SpecFixtures.parse("""
                {"ociVersion": "1.3.0", "root": {"path": "rootfs", "readonly": true}, "process": {"cwd": "/", "args": ["sh"]},
                 "linux": {"namespaces": [{"type": "pid"}]}}""");
        assertEquals("root.readonly: requires a mount namespace", failure(spec).getMessage());
        Spec ok = SpecFixtures.parse("""
                {"ociVersion": "1.3.0", "root": {"path": "rootfs", "readonly": true}, "process": {"cwd": "/", "args": ["sh"]},
                 "linux": {"namespaces": [{"type": "mount"}]}}""");
        assertTrue(plan(ok).rootfs().readonly());
    }

    @Test
    void withoutAMountNamespaceTheRootfsIsOnlyChrooted() {
        RootfsConfig r = plan(SpecFixtures.config("", "\"namespaces\": [{\"type\": \"pid\"}]")).rootfs();
        assertTrue(r.chroot());
    }

    @Test
    void rootfsPropagation() {
        Object[][] cases = {
                {"shared", Mounts.MS_SHARED}, {"slave", Mounts.MS_SLAVE}, {"private", Mounts.MS_PRIVATE},
                {"unbindable", Mounts.MS_UNBINDABLE}, {"rshared", Mounts.MS_SHARED | Mounts.MS_REC},
                {"rslave", Mounts.MS_SLAVE | Mounts.MS_REC}, {"rprivate", Mounts.MS_PRIVATE | Mounts.MS_REC},
                {"runbindable", Mounts.MS_UNBINDABLE | Mounts.MS_REC}};
        for (Object[] c : cases) {
            RootfsConfig r = plan(SpecFixtures.config("", ALL_NS + ", \"rootfsPropagation\": \"" + c[0] + "\"")).rootfs();
            assertEquals((long) (Long) c[1], r.propagation(), (String) c[0]);
            assertTrue(r.explicitPropagation(), (String) c[0]);
        }
        RootfsConfig empty = plan(SpecFixtures.config("", ALL_NS + ", \"rootfsPropagation\": \"\"")).rootfs();
        assertEquals(Mounts.MS_SLAVE | Mounts.MS_REC, empty.propagation());
        assertFalse(empty.explicitPropagation());
    }

    @Test
    void anUnknownRootfsPropagationIsAnError() {
        ContainerException e = failure(SpecFixtures.config("", ALL_NS + ", \"rootfsPropagation\": \"bogus\""));
        assertEquals("linux.rootfsPropagation: unknown propagation \"bogus\"", e.getMessage());
    }

    @Test
    void aBindMountedDevIsNotPopulated() {
        RootfsConfig r = plan(SpecFixtures.config("""
                "mounts": [{"destination": "/dev", "type": "bind", "source": "rootfs", "options": ["rbind"]}]""", ALL_NS))
                .rootfs();
        assertFalse(r.setupDev());
        RootfsConfig tmpfsDev = plan(SpecFixtures.config("""
                "mounts": [{"destination": "/dev", "type": "tmpfs", "source": "tmpfs"}]""", ALL_NS)).rootfs();
        assertTrue(tmpfsDev.setupDev());
    }

    @Test
    void aUserNamespaceMapsIdsAndBindsHostDevices() {
        CreatePlan p = plan(SpecFixtures.config("", """
                "namespaces": [{"type": "user"}, {"type": "mount"}],
                "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}],
                "gidMappings": [{"containerID": 0, "hostID": 200000, "size": 1000}]"""));
        assertEquals(new IdMap(List.of(new IdMap.Range(0, 100_000, 65_536)), List.of(new IdMap.Range(0, 200_000, 1000))),
                p.ids());
        assertEquals(100_000, p.rootfs().ids().hostUid(0));
        assertTrue(p.rootfs().hostDevices());
        assertTrue(p.namespaces().newUser());
    }

    @Test
    void devicesAreCheckedNamingTheirIndex() {
        ContainerException noNumbers = failure(SpecFixtures.config("", ALL_NS + """
                , "devices": [{"path": "/dev/fifo", "type": "p"}, {"path": "/dev/x", "type": "b"}]"""));
        assertEquals("linux.devices[1]: major and minor are required for type b", noNumbers.getMessage());
        ContainerException outside = failure(SpecFixtures.config("", ALL_NS + """
                , "devices": [{"path": "/etc/x", "type": "c", "major": 1, "minor": 3}]"""));
        assertEquals("linux.devices[0].path: must be a path under /dev without \"..\", got \"/etc/x\"",
                outside.getMessage());
        // Resolved in the rootfs, this would put a device node in place of the image's file.
        ContainerException climbing = failure(SpecFixtures.config("", ALL_NS + """
                , "devices": [{"path": "/dev/../etc/passwd", "type": "c", "major": 1, "minor": 3}]"""));
        assertEquals("linux.devices[0].path: must be a path under /dev without \"..\", got \"/dev/../etc/passwd\"",
                climbing.getMessage());
        assertTrue(CreatePlan.isUnderDev("/dev/net//tun"));
        assertTrue(CreatePlan.isUnderDev("/dev/./x"));
        assertFalse(CreatePlan.isUnderDev("/dev/"));
        assertFalse(CreatePlan.isUnderDev("/dev/."));
        assertFalse(CreatePlan.isUnderDev("/dev/x/../../etc"));
        assertFalse(CreatePlan.isUnderDev("/dev/.."));
        RootfsConfig r = plan(SpecFixtures.config("", ALL_NS + """
                , "devices": [{"path": "/dev/fifo", "type": "p", "fileMode": 384, "uid": 5, "gid": 6}]""")).rootfs();
        assertEquals(List.of(new DeviceNode("/dev/fifo", 'p', 0, 0, 0600, 5, 6)), r.devices());
    }

    @Test
    void anUnknownCapabilityFailsBeforeAnythingElse() {
        Spec spec = SpecFixtures.parse("""
                {"ociVersion": "1.3.0", "root": {"path": "nothere"},
                 "process": {"cwd": "/", "args": ["sh"], "capabilities": {"bounding": ["CAP_NOPE"]}}}""");
        assertEquals("process.capabilities.bounding: unknown capability \"CAP_NOPE\"", failure(spec).getMessage());
    }

    @Test
    void aMissingBindSourceFailsThePlan() {
        ContainerException e = failure(SpecFixtures.config("""
                "mounts": [{"destination": "/x", "type": "bind", "source": "missing"}]""", ALL_NS));
        assertEquals("mounts[0].source: " + bundle.resolve("missing") + ": no such file or directory", e.getMessage());
    }

    @Test
    void noPivotIsPassedOn() {
        CreatePlan p = CreatePlan.of("c1", bundle, SpecFixtures.config("", ALL_NS),
                new CreateOptions("c1", bundle, null, null, true, false, 0));
        assertTrue(p.rootfs().noPivot());
        assertNull(p.cgroupsPath());
    }
    // ---- process attributes and labels, decided before anything is created -----------------

    private static Spec withProcess(String processExtra, String linux) {
        return SpecFixtures.parse("""
                {"ociVersion": "1.3.0", "root": {"path": "rootfs"},
                 "process": {"cwd": "/", "args": ["sh"]%s},
                 "linux": {%s}}
                """.formatted(processExtra, linux));
    }

    @Test
    void processAttributesOnceRefusedArePlanned() {
        Spec spec = withProcess(", \"scheduler\": {\"policy\": \"SCHED_BATCH\", \"nice\": 3}, "
                + "\"ioPriority\": {\"class\": \"IOPRIO_CLASS_IDLE\"}, \"execCPUAffinity\": {\"final\": \"0\"}",
                ALL_NS + ", \"personality\": {\"domain\": \"LINUX32\"}");
        CreatePlan p = assertDoesNotThrow(() -> CreatePlan.of("c1", bundle, spec, options(), SecurityModules.NONE));
        assertNull(p.attributes().initialAffinity(), "execCPUAffinity is for exec'd processes only");
        assertNull(p.mountLabel());
    }

    @Test
    void labelsTheHostCannotApplyAreRefusedUpFront() {
        Spec apparmor = withProcess(", \"apparmorProfile\": \"docker-default\"", ALL_NS);
        assertEquals("process.apparmorProfile: AppArmor profile \"docker-default\" specified but AppArmor is not "
                + "enabled on this host", assertThrows(ContainerException.class,
                        () -> CreatePlan.of("c1", bundle, apparmor, options(), SecurityModules.NONE)).getMessage());
        assertDoesNotThrow(() -> CreatePlan.of("c1", bundle, apparmor, options(),
                new SecurityModules(true, "attr/apparmor/exec", false)));

        Spec mountLabel = withProcess("", ALL_NS + ", \"mountLabel\": \"system_u:object_r:container_file_t:s0\"");
        assertEquals("linux.mountLabel: an SELinux mount label is specified in config, but selinux is disabled or "
                + "not supported", assertThrows(ContainerException.class,
                        () -> CreatePlan.of("c1", bundle, mountLabel, options(), SecurityModules.NONE)).getMessage());
        CreatePlan p = CreatePlan.of("c1", bundle, mountLabel, options(), new SecurityModules(false, "attr/exec", true));
        assertEquals("system_u:object_r:container_file_t:s0", p.mountLabel());
    }
}

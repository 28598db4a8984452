package dev.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the configs runc, containerd and podman really produce, and checks values from them. */
class EngineConfigsTest {

    @Test
    void runcDefaultSpec() {
        Spec spec = TestResources.config("runc-spec.json");

        assertEquals("1.3.0", spec.ociVersion());
        SpecProcess process = spec.process();
        assertTrue(process.terminal());
        assertEquals(new User(0, 0, null, List.of(), null), process.user());
        assertEquals(List.of("sh"), process.args());
        assertEquals("/", process.cwd());
        assertEquals(List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"), process.capabilities().bounding());
        assertEquals(List.of(), process.capabilities().ambient());
        assertEquals(List.of(new Rlimit("RLIMIT_NOFILE", 1024, 1024)), process.rlimits());
        assertTrue(process.noNewPrivileges());
        assertNull(process.oomScoreAdj());
        assertEquals(new Root("rootfs", true), spec.root());
        assertEquals("runc", spec.hostname());
        assertNull(spec.domainname());
        assertEquals(7, spec.mounts().size());
        assertEquals(new Mount("/proc", "proc", "proc", List.of(), List.of(), List.of()), spec.mounts().getFirst());
        assertEquals(List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
                spec.mounts().get(2).options());
        assertNull(spec.hooks());
        assertEquals(Map.of(), spec.annotations());
        Linux linux = spec.linux();
        assertEquals(List.of(new DeviceCgroupRule(false, null, null, null, "rwm")), linux.resources().devices());
        assertEquals(List.of(NamespaceType.PID, NamespaceType.NETWORK, NamespaceType.IPC, NamespaceType.UTS,
                        NamespaceType.MOUNT, NamespaceType.CGROUP),
                linux.namespaces().stream().map(Namespace::type).toList());
        assertTrue(linux.namespaces().stream().allMatch(Namespace::isNew));
        assertEquals("/proc/scsi", linux.maskedPaths().getLast());
        assertEquals(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                linux.readonlyPaths());
        assertNull(linux.seccomp());
        assertEquals(List.of(), SpecValidator.problems(spec));
    }

    @Test
    void runc115SpecOutputKeepsAmbientCapabilities() {
        Spec spec = TestResources.config("runc-1.1.5-spec.json");

        assertEquals("1.0.2-dev", spec.ociVersion());
        assertEquals(List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"), spec.process().capabilities().ambient());
        assertEquals(5, spec.linux().namespaces().size());
        assertEquals(List.of(), SpecValidator.problems(spec));
    }

    @Test
    void containerdConfig() {
        Spec spec = TestResources.config("containerd-config.json");

        assertFalse(spec.process().terminal());
        assertEquals(List.of("sleep", "300"), spec.process().args());
        assertEquals(List.of(0L), spec.process().user().additionalGids());
        assertEquals(new Root("rootfs", false), spec.root());
        assertNull(spec.hostname());
        Mount run = spec.mounts().getLast();
        assertEquals("/run", run.destination());
        assertEquals(List.of("nosuid", "strictatime", "mode=755", "size=65536k"), run.options());
        Resources resources = spec.linux().resources();
        assertEquals(10, resources.devices().size());
        assertEquals(new DeviceCgroupRule(true, "c", 136L, null, "rwm"), resources.devices().get(8));
        assertEquals(1024L, resources.cpu().shares());
        assertNull(resources.cpu().quota());
        assertNull(resources.memory());
        assertEquals("/hx/hx-a-31580", spec.linux().cgroupsPath());
        assertEquals(NamespaceType.NETWORK, spec.linux().namespaces().getLast().type());
        assertEquals(List.of(), SpecValidator.problems(spec));
    }

    @Test
    void containerdTtyConfig() {
        Spec spec = TestResources.config("containerd-config-tty.json");

        assertTrue(spec.process().terminal());
        assertEquals(List.of("sh", "-c", "tty; echo hi; exit 3"), spec.process().args());
        assertEquals("TERM=xterm", spec.process().env().getLast());
        assertEquals(List.of(), SpecValidator.problems(spec));
    }

    @Test
    void podmanConfig() {
        Spec spec = TestResources.config("podman-config.json");

        SpecProcess process = spec.process();
        assertEquals(18, process.user().umask());
        assertEquals("HOSTNAME=a269abe982a6", process.env().getLast());
        assertEquals(List.of(new Rlimit("RLIMIT_NOFILE", 20000, 20000), new Rlimit("RLIMIT_NPROC", 32768, 32768)),
                process.rlimits());
        assertFalse(process.noNewPrivileges());
        assertEquals(14, process.capabilities().permitted().size());
        assertTrue(spec.root().path().startsWith("/var/lib/containers/storage/vfs/dir/"));
        assertFalse(spec.root().readonly());

        Mount hosts = spec.mounts().get(5);
        assertEquals("/etc/hosts", hosts.destination());
        assertEquals("bind", hosts.type());
        assertEquals(List.of("bind", "rprivate"), hosts.options());
        Mount cgroup = spec.mounts().getLast();
        assertEquals("/sys/fs/cgroup", cgroup.destination());
        assertEquals(List.of("rprivate", "nosuid", "noexec", "nodev", "relatime", "ro"), cgroup.options());

        assertEquals("libpod", spec.annotations().get("io.container.manager"));
        assertEquals("15", spec.annotations().get("org.opencontainers.image.stopSignal"));
        assertEquals(8, spec.annotations().size());
        assertEquals("io.container.manager", spec.annotations().keySet().iterator().next());

        Linux linux = spec.linux();
        assertEquals(2048L, linux.resources().pids().limit());
        Seccomp seccomp = linux.seccomp();
        assertEquals(SeccompAction.ERRNO, seccomp.defaultAction());
        assertEquals(38L, seccomp.defaultErrnoRet());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), seccomp.architectures());
        assertEquals(List.of(), seccomp.flags());
        Syscall first = seccomp.syscalls().getFirst();
        assertEquals(SeccompAction.ERRNO, first.action());
        assertEquals(1L, first.errnoRet());
        assertEquals("bdflush", first.names().getFirst());
        assertNull(seccomp.syscalls().get(1).errnoRet());
        // personality(0xffffffff): the one rule whose argument needs all 32 bits.
        Syscall personality = seccomp.syscalls().get(6);
        assertEquals(List.of("personality"), personality.names());
        assertEquals(List.of(new SeccompArg(0, 4294967295L, 0, SeccompOperator.EQUAL)), personality.args());
        assertEquals("/sys/dev/block", linux.maskedPaths().getLast());
        assertEquals(List.of(), SpecValidator.problems(spec));
    }

    @Test
    void podmanTtyConfig() {
        Spec spec = TestResources.config("podman-config-tty.json");

        assertTrue(spec.process().terminal());
        assertEquals("true", spec.annotations().get("io.kubernetes.cri-o.TTY"));
        assertEquals("c313492693da", spec.hostname());
        assertEquals(List.of(), SpecValidator.problems(spec));
    }

    @Test
    void containerdExecProcess() {
        SpecProcess process = SpecReader.parseProcess(TestResources.bytes("containerd-exec-process.json"), "process.json");

        assertEquals(List.of("sh", "-c", "echo exec-ok; cat /proc/1/cmdline | tr \"\\0\" \" \""), process.args());
        assertEquals(List.of(0L), process.user().additionalGids());
        assertEquals(List.of(new Rlimit("RLIMIT_NOFILE", 1024, 1024)), process.rlimits());
        assertTrue(process.noNewPrivileges());
        assertFalse(process.terminal());
        assertEquals(List.of(), SpecValidator.processProblems(process));
    }

    @Test
    void podmanExecProcess() {
        SpecProcess process = SpecReader.parseProcess(TestResources.bytes("podman-exec-process.json"), "exec-process");

        assertEquals(List.of("sh", "-c", "echo exec-ok"), process.args());
        assertEquals("HOME=/root", process.env().getLast());
        assertEquals(new Rlimit("RLIMIT_NPROC", 32768, 32768), process.rlimits().get(1));
        assertNull(process.user().umask());
        assertEquals(List.of(), SpecValidator.processProblems(process));
    }

    @Test
    void podmanUpdateResources() {
        Resources resources = SpecReader.parseResources(TestResources.bytes("podman-update-resources.json"), "resources");

        assertEquals(134217728L, resources.memory().limit());
        assertEquals(268435456L, resources.memory().swap());
        assertNull(resources.memory().reservation());
        assertEquals(512L, resources.cpu().shares());
        assertNull(resources.pids());
        assertEquals(List.of(), resources.devices());
        assertEquals(List.of(), SpecValidator.resourcesProblems(resources));
    }

    @Test
    void readConfigFromFileNamesTheFileInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.write(file, TestResources.bytes("podman-config.json"));
        assertEquals(38L, SpecReader.readConfig(file).linux().seccomp().defaultErrnoRet());

        Path missing = dir.resolve("absent.json");
        InvalidSpecException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidSpecException.class, () -> SpecReader.readConfig(missing));
        assertEquals(missing + ": cannot read: no such file", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"runc-spec.json", "containerd-config.json", "podman-config-tty.json"})
    void absentCollectionsAreEmptyAndImmutable(String name) {
        Spec spec = TestResources.config(name);
        assertNotNull(spec.process().rlimits());
        assertTrue(spec.linux().devices().isEmpty());
        assertTrue(spec.linux().sysctl().isEmpty());
        assertTrue(spec.linux().timeOffsets().isEmpty());
        org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedOperationException.class, () -> spec.mounts().add(spec.mounts().getFirst()));
        org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedOperationException.class, () -> spec.annotations().put("k", "v"));
    }
}

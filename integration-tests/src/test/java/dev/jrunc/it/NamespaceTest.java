package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.MountInfo;
import dev.jrunc.it.harness.Namespace;
import dev.jrunc.it.harness.NamespaceHolder;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** linux.namespaces: new ones, ones joined by path, and the user and time namespace settings. */
class NamespaceTest extends ContainerTestSupport {

    private static final long MAPPED_HOST_ID = 100000;
    private static final long MAPPING_SIZE = 65536;

    @ParameterizedTest(name = "new {0} namespace")
    @EnumSource(Namespace.class)
    void aNewNamespaceDiffersFromTheHosts(Namespace namespace) {
        TestBundle bundle = withNamespace(newBundle(), namespace);

        String inside = readNamespaceInside(bundle, namespace);

        assertTrue(inside.startsWith(namespace.procName() + ":["), () -> "readlink printed '" + inside + "'");
        assertNotEquals(namespace.hostIdentity(), inside);
    }

    @ParameterizedTest(name = "no {0} namespace")
    @EnumSource(value = Namespace.class, names = "MOUNT", mode = EnumSource.Mode.EXCLUDE)
    void anAbsentNamespaceIsTheHosts(Namespace namespace) {
        TestBundle bundle = newBundle().withoutNamespace(namespace);
        if (namespace == Namespace.UTS) {
            bundle.withoutHostAndDomainName();
        }

        assertEquals(namespace.hostIdentity(), readNamespaceInside(bundle, namespace));
    }

    @ParameterizedTest(name = "join {0} namespace")
    @EnumSource(Namespace.class)
    void aNamespaceGivenByPathIsJoined(Namespace namespace) {
        try (NamespaceHolder holder = NamespaceHolder.start(namespace, MAPPED_HOST_ID)) {
            TestBundle bundle = newBundle().joinNamespace(namespace, holder.namespacePath());
            if (namespace == Namespace.USER) {
                // The mappings must describe the joined namespace.
                bundle.userNamespaceMapping(MAPPED_HOST_ID, MAPPING_SIZE);
            }

            assertEquals(holder.identity(), readNamespaceInside(bundle, namespace));
        }
    }

    @Test
    void theInitIsPidOneInANewPidNamespace() {
        RuntimeResult run = runShell(newBundle(), "echo $$");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("1", run.stdout().strip());
    }

    @Test
    void aUserNamespaceAppliesTheIdMappings() {
        TestBundle bundle = withNamespace(newBundle(), Namespace.USER);

        RuntimeResult run = runShell(bundle, "cat /proc/self/uid_map; cat /proc/self/gid_map; id -u; id -g");

        assertEquals(0, run.exitCode(), run::describe);
        List<String> lines = run.stdout().lines().map(String::strip).toList();
        assertEquals(List.of(List.of("0", "100000", "65536"), List.of("0", "100000", "65536"), List.of("0"),
                List.of("0")), lines.stream().map(line -> Arrays.asList(line.split("\\s+"))).toList(),
                run::describe);
    }

    @Test
    void aCgroupMountWithAUserNamespaceButTheHostsCgroupNamespaceBindsTheHierarchy() {
        // podman --uidmap on a cgroup v1 host, or with --cgroupns host: the kernel makes a new
        // cgroup2 mount only for a process privileged over its cgroup namespace, so runc binds
        // the host's hierarchy instead (read-only, as the entry asks).
        TestBundle bundle = withNamespace(newBundle(), Namespace.USER).withoutNamespace(Namespace.CGROUP)
                .mount("/sys/fs/cgroup", "cgroup", "cgroup", "rprivate", "nosuid", "noexec", "nodev", "relatime", "ro");

        RuntimeResult run = runShell(bundle, "ls /sys/fs/cgroup; touch /sys/fs/cgroup/x 2>/dev/null || echo refused;"
                + " cat /proc/self/mountinfo");

        assertEquals(0, run.exitCode(), run::describe);
        MountInfo.Entry cgroup = MountInfo.parse(run.stdout()).at("/sys/fs/cgroup");
        assertEquals("cgroup2", cgroup.fsType(), run::describe);
        assertTrue(cgroup.mountOptions().containsAll(List.of("ro", "nosuid", "nodev", "noexec")), run::describe);
        List<String> lines = run.stdout().lines().toList();
        assertTrue(lines.contains("cgroup.controllers"), run::describe);
        assertTrue(lines.contains("refused"), run::describe);
    }

    @Test
    void aTimeNamespaceAppliesTheOffsets() {
        TestBundle bundle = newBundle().namespace(Namespace.TIME)
                .timeOffset("monotonic", 86400, 0)
                .timeOffset("boottime", 172800, 500);

        RuntimeResult run = runShell(bundle, "cat /proc/self/timens_offsets");

        assertEquals(0, run.exitCode(), run::describe);
        List<String> offsets = run.stdout().lines().map(line -> String.join(" ", line.strip().split("\\s+"))).toList();
        assertEquals(List.of("monotonic 86400 0", "boottime 172800 500"), offsets, run::describe);
    }

    private static TestBundle withNamespace(TestBundle bundle, Namespace namespace) {
        bundle.namespace(namespace);
        if (namespace == Namespace.USER) {
            bundle.userNamespaceMapping(MAPPED_HOST_ID, MAPPING_SIZE);
        }
        return bundle;
    }

    private String readNamespaceInside(TestBundle bundle, Namespace namespace) {
        RuntimeResult run = runShell(bundle, "readlink /proc/self/ns/" + namespace.procName());
        assertEquals(0, run.exitCode(), run::describe);
        return run.stdout().strip();
    }
}

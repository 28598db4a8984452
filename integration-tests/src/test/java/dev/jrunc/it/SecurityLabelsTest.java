package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.CommandResult;
import dev.jrunc.it.harness.CommandRunner;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import dev.jrunc.it.harness.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * process.apparmorProfile, process.selinuxLabel and linux.mountLabel: applied where the host
 * has the module, refused up front (field named, nothing left behind) where it does not. The
 * AppArmor tests need a host with AppArmor enabled, such as the VM of /work/shared/tools/vm-run;
 * the one that loads a profile also needs apparmor_parser.
 */
class SecurityLabelsTest extends ContainerTestSupport {
    private static final Path APPARMOR_PARSER = Path.of("/usr/sbin/apparmor_parser");

    /** runc's test: the securityfs directory exists and the module says it is enabled. */
    private static boolean apparmorEnabled() {
        try {
            return Files.isDirectory(Path.of("/sys/kernel/security/apparmor"))
                    && Files.readString(Path.of("/sys/module/apparmor/parameters/enabled")).startsWith("Y");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean selinuxEnabled() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().anyMatch(l -> l.contains(" - selinuxfs "));
    }

    private TestBundle bundle(String script) {
        TestBundle bundle = newBundle().shell(script);
        // Only the label is under test here: no masking (it needs kernel 6.5+ to clone the mask tmpfs).
        ((ObjectNode) bundle.config().get("linux")).putArray("maskedPaths");
        return bundle;
    }

    private static ObjectNode process(TestBundle bundle) {
        return (ObjectNode) bundle.config().get("process");
    }

    private void assertRefused(TestBundle bundle, String message) {
        String id = runtime.newContainerId();
        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));
        assertNotEquals(0, create.exitCode(), create::describe);
        assertTrue(create.mentions(message), create::describe);
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)), "the state directory was left behind");
    }

    // ---- hosts without the module -----------------------------------------------------------

    @Test
    void anAppArmorProfileIsRefusedWhereAppArmorIsNotEnabled() {
        assumeFalse(apparmorEnabled(), "AppArmor is enabled on this host");
        TestBundle bundle = bundle("true");
        process(bundle).put("apparmorProfile", "docker-default");

        assertRefused(bundle, "process.apparmorProfile: AppArmor profile \"docker-default\" specified but AppArmor is "
                + "not enabled on this host");
    }

    @Test
    void execWithAnAppArmorProfileIsRefusedWhereAppArmorIsNotEnabled() {
        assumeFalse(apparmorEnabled(), "AppArmor is enabled on this host");
        String id = runningContainer(bundle("sleep 600"));

        RuntimeResult exec = runtime.invoke("exec", "--apparmor", "docker-default", id, "true");

        assertNotEquals(0, exec.exitCode(), exec::describe);
        assertTrue(exec.mentions("process.apparmorProfile: AppArmor profile \"docker-default\" specified but "
                + "AppArmor is not enabled on this host"), exec::describe);
    }

    @Test
    void selinuxLabelsAreRefusedWhereSelinuxIsNotEnabled() throws IOException {
        assumeFalse(selinuxEnabled(), "SELinux is enabled on this host");
        TestBundle process = bundle("true");
        process(process).put("selinuxLabel", "system_u:system_r:container_t:s0:c1,c2");
        assertRefused(process, "process.selinuxLabel: selinux label is specified in config, but selinux is disabled or "
                + "not supported");

        TestBundle mounts = bundle("true");
        ((ObjectNode) mounts.config().get("linux")).put("mountLabel", "system_u:object_r:container_file_t:s0:c1,c2");
        assertRefused(mounts, "linux.mountLabel: an SELinux mount label is specified in config, but selinux is disabled "
                + "or not supported");

        String id = runningContainer(bundle("sleep 600"));
        RuntimeResult exec = runtime.invoke("exec", "--process-label", "system_u:system_r:container_t:s0", id, "true");
        assertNotEquals(0, exec.exitCode(), exec::describe);
        assertTrue(exec.mentions("process.selinuxLabel: selinux label is specified in config"), exec::describe);
    }

    // ---- hosts with AppArmor ------------------------------------------------------------------

    @Test
    void theUnconfinedProfileIsAppliedAndExecCanChooseItsOwn() {
        assumeTrue(apparmorEnabled(), "AppArmor is not enabled on this host");
        TestBundle bundle = bundle("cat /proc/self/attr/current; echo; sleep 600");
        process(bundle).put("apparmorProfile", "unconfined");
        String id = runningContainer(bundle);

        RuntimeResult exec = runtime.invoke("exec", id, "cat", "/proc/self/attr/current");
        assertEquals(0, exec.exitCode(), exec::describe);
        assertEquals("unconfined", exec.stdout().strip(), "exec takes the container's profile");

        RuntimeResult missing = runtime.invoke("exec", "--apparmor", "jrunc-it-no-such-profile", id, "true");
        assertNotEquals(0, missing.exitCode(), missing::describe);
        assertTrue(missing.mentions("process.apparmorProfile: apply AppArmor profile \"jrunc-it-no-such-profile\""),
                missing::describe);
    }

    @Test
    void aLoadedProfileConfinesTheContainerAndExecdProcesses() throws IOException {
        assumeTrue(apparmorEnabled(), "AppArmor is not enabled on this host");
        assumeTrue(Files.isExecutable(APPARMOR_PARSER), APPARMOR_PARSER + " is not installed (apt-get install apparmor)");
        String name = Workspace.uniqueName();
        Path profile = workspace.path("profile");
        Files.writeString(profile, """
                profile %s flags=(attach_disconnected,mediate_deleted) {
                  file,
                  capability,
                  network,
                  signal,
                  ptrace,
                  unix,
                  mount,
                  umount,
                  pivot_root,
                  deny /etc/group r,
                }
                """.formatted(name));
        CommandRunner runner = new CommandRunner(workspace.newDirectory("apparmor"));
        CommandResult load = runner.run(List.of(APPARMOR_PARSER.toString(), "-r", profile.toString()),
                workspace.directory(), Duration.ofSeconds(60));
        assertEquals(0, load.exitCode(), load::describe);
        try {
            TestBundle bundle = bundle("cat /proc/self/attr/current; cat /etc/group > /dev/null && echo readable "
                    + "|| echo denied");
            process(bundle).put("apparmorProfile", name);
            RuntimeResult run = runtime.run(runtime.newContainerId(), bundle);
            assertEquals(0, run.exitCode(), run::describe);
            assertEquals(List.of(name + " (enforce)", "denied"), run.stdout().lines().toList());

            String id = runningContainer(bundle("sleep 600"));
            RuntimeResult exec = runtime.invoke("exec", "--apparmor", name, id, "sh", "-c",
                    "cat /proc/self/attr/current; cat /etc/group > /dev/null && echo readable || echo denied");
            assertEquals(0, exec.exitCode(), exec::describe);
            assertEquals(List.of(name + " (enforce)", "denied"), exec.stdout().lines().toList());
        } finally {
            runner.run(List.of(APPARMOR_PARSER.toString(), "-R", profile.toString()), workspace.directory(),
                    Duration.ofSeconds(60));
        }
    }

    private String runningContainer(TestBundle bundle) {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        return id;
    }
}

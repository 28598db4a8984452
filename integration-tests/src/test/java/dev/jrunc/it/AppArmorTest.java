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
import dev.jrunc.it.harness.HostTools;
import dev.jrunc.it.harness.Leftovers;
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
 * process.apparmorProfile, which podman sends on every host with AppArmor enabled (its
 * containers-default profile): the init and exec'd processes run confined by it, as with runc;
 * where AppArmor is not enabled, create refuses it naming the field.
 */
class AppArmorTest extends ContainerTestSupport {

    private static final Path ENABLED = Path.of("/sys/module/apparmor/parameters/enabled");
    private static final Path SECURITYFS = Path.of("/sys/kernel/security/apparmor");
    private static final Duration PARSER_TIMEOUT = Duration.ofMinutes(1);

    @Test
    void aProfileIsRefusedNamingTheFieldWhereAppArmorIsNotEnabled() {
        assumeFalse(appArmorEnabled(), "this host has AppArmor enabled");
        TestBundle bundle = confined(newBundle().args("true"), "jrunc-it-profile");
        String id = runtime.newContainerId();

        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));

        assertNotEquals(0, create.exitCode(), create::describe);
        assertTrue(create.command().stderrLines().getFirst().startsWith("process.apparmorProfile: "), create::describe);
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)), "state directory left behind");
        assertEquals(List.of(), Leftovers.cgroupsNamed(id));
    }

    @Test
    void theInitAndExecdProcessesRunConfinedByTheProfile() throws IOException {
        assumeTrue(appArmorEnabled(), "needs a kernel with AppArmor enabled (" + ENABLED + ")");
        Path parser = HostTools.require("apparmor_parser", "apparmor");
        assumeTrue(Files.isDirectory(SECURITYFS), "needs securityfs mounted (" + SECURITYFS + ") to load a profile");
        String profile = Workspace.uniqueName();
        Path profileFile = workspace.path(profile + ".profile");
        // Everything allowed: only the confinement itself is under test.
        Files.writeString(profileFile, """
                profile %s flags=(attach_disconnected,mediate_deleted) {
                  file,
                  capability,
                  network,
                  signal,
                  unix,
                  ptrace,
                  mount,
                  umount,
                  pivot_root,
                }
                """.formatted(profile));
        CommandRunner runner = new CommandRunner(workspace.newDirectory("apparmor-parser"));
        CommandResult load = runner.run(List.of(parser.toString(), "--replace", profileFile.toString()),
                workspace.directory(), PARSER_TIMEOUT);
        assertEquals(0, load.exitCode(), load::describe);
        try {
            String id = runtime.newContainerId();
            long pid = runtime.createSuccessfully(id, confined(newBundle().args("sleep", "600"), profile),
                    workspace.path("init.pid"));
            assertEquals(0, runtime.start(id).exitCode());

            RuntimeResult exec = runtime.invoke("exec", id, "cat", "/proc/self/attr/current");

            assertEquals(profile + " (enforce)", Files.readString(Path.of("/proc", Long.toString(pid), "attr",
                    "current")).strip());
            assertEquals(0, exec.exitCode(), exec::describe);
            assertEquals(profile + " (enforce)", exec.stdout().replace("\0", "").strip(), exec::describe);
        } finally {
            runtime.close();
            runner.run(List.of(parser.toString(), "--remove", profileFile.toString()), workspace.directory(),
                    PARSER_TIMEOUT);
        }
    }

    private static TestBundle confined(TestBundle bundle, String profile) {
        ((ObjectNode) bundle.config().get("process")).put("apparmorProfile", profile);
        return bundle;
    }

    private static boolean appArmorEnabled() {
        try {
            return Files.readString(ENABLED).startsWith("Y");
        } catch (IOException e) {
            return false;
        }
    }
}

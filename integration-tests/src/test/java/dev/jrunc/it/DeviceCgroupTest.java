package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.Leftovers;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * linux.resources.devices, enforced by the device cgroup: what a process in the container may
 * open and mknod. On cgroup v2 that is an eBPF program on the container's cgroup, which the
 * kernel consults on a hybrid host too (the v1 devices controller is also asked, but the
 * container stays in its unrestricted root). runc's rule list applies: the config's rules, then
 * runc's default allowed devices.
 */
class DeviceCgroupTest extends ContainerTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** containerd's default device rules (oci.WithDefaultUnixDevices after a deny-all). */
    private static final String[] CONTAINERD_RULES = {
        "deny a *:* rwm",
        "allow c *:* m", "allow b *:* m",
        "allow c 1:3 rwm", "allow c 1:8 rwm", "allow c 1:7 rwm", "allow c 5:0 rwm", "allow c 1:5 rwm",
        "allow c 1:9 rwm", "allow c 5:1 rwm", "allow c 136:* rwm", "allow c 5:2 rwm", "allow c 10:200 rwm"};

    /** runc 1.1.5 fails this one at create: its init reopens its /dev/null stdin inside the container. */
    @Test
    void aDeniedDeviceCannotBeOpenedWhileOthersWork() {
        // /dev/null in linux.devices replaces runc's default rule for it, so the config decides.
        TestBundle bundle = newBundle().device("/dev/null", "c", 1, 3, 0666, 0, 0)
                .deviceRules("deny a *:* rwm", "allow c 1:5 rwm", "deny c 1:3 rwm");

        RuntimeResult run = runShell(bundle, """
                (echo > /dev/null) 2>&1 || echo null-refused
                (cat /dev/null) 2>&1 || echo null-unreadable
                head -c 3 /dev/zero | wc -c
                head -c 3 /dev/urandom | wc -c""");

        assertEquals(0, run.exitCode(), run::describe);
        List<String> lines = run.stdout().strip().lines().toList();
        assertEquals(6, lines.size(), run::describe);
        assertTrue(lines.get(0).endsWith("Operation not permitted"), run::describe);
        assertEquals("null-refused", lines.get(1));
        assertTrue(lines.get(2).endsWith("Operation not permitted"), run::describe);
        assertEquals(List.of("null-unreadable", "3", "3"), lines.subList(3, 6), run::describe);
    }

    @Test
    void runcsDefaultRulesComeLastSoTheConfigCannotDenyThem() {
        TestBundle bundle = newBundle().deviceRules("deny a *:* rwm", "deny c 1:3 rwm");

        RuntimeResult run = runShell(bundle, "echo > /dev/null && echo null-open");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("null-open", run.stdout().strip());
    }

    @Test
    void containerdsDefaultRulesLetAShellWork() {
        TestBundle bundle = newBundle().deviceRules(CONTAINERD_RULES);

        RuntimeResult run = runShell(bundle, """
                echo discarded > /dev/null
                head -c 4 /dev/zero | wc -c
                head -c 4 /dev/urandom | od -An -tx1 | wc -w
                echo x > /dev/full 2>/dev/null || echo full-refused
                ls /dev | grep -c null
                test -c /dev/tty && echo tty-is-a-node
                echo ok""");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("4\n4\nfull-refused\n1\ntty-is-a-node\nok", run.stdout().strip(), run::describe);
    }

    @Test
    void mknodOfADeniedDeviceFails() {
        // Everything allowed but /dev/fuse (10:229): runc's defaults never touch that device.
        TestBundle bundle = newBundle().addCapability("CAP_MKNOD")
                .deviceRules("allow a *:* rwm", "deny c 10:229 rwm");

        RuntimeResult run = runShell(bundle, """
                (mknod /dev/jrunc-fuse c 10 229) 2>&1 || echo fuse-refused
                mknod /dev/jrunc-null c 1 3 && echo null-made
                echo > /dev/jrunc-null && echo null-opened""");

        assertEquals(0, run.exitCode(), run::describe);
        List<String> lines = run.stdout().strip().lines().toList();
        assertEquals(4, lines.size(), run::describe);
        assertTrue(lines.get(0).endsWith("Operation not permitted"), run::describe);
        assertEquals(List.of("fuse-refused", "null-made", "null-opened"), lines.subList(1, 4), run::describe);
    }

    @Test
    void withAnAllowListAnyNodeCanBeMadeButOnlyListedOnesOpened() {
        // runc's defaults allow mknod of every device ("c *:* m", "b *:* m"), not its use.
        TestBundle bundle = newBundle().addCapability("CAP_MKNOD").deviceRules("deny a *:* rwm");

        RuntimeResult run = runShell(bundle, """
                mknod /dev/jrunc-fuse c 10 229 && echo fuse-made
                (cat /dev/jrunc-fuse) 2>&1 || echo fuse-unopened""");

        assertEquals(0, run.exitCode(), run::describe);
        List<String> lines = run.stdout().strip().lines().toList();
        assertEquals(3, lines.size(), run::describe);
        assertEquals("fuse-made", lines.get(0));
        assertTrue(lines.get(1).endsWith("Operation not permitted"), run::describe);
        assertEquals("fuse-unopened", lines.get(2));
    }

    @Test
    void execdProcessesAreFilteredToo() throws IOException {
        // /dev/zero rather than /dev/null: runc's init reopens a /dev/null stdio inside the
        // container, so runc cannot even start a container whose /dev/null is denied.
        String id = runtime.newContainerId();
        TestBundle bundle = newBundle().device("/dev/zero", "c", 1, 5, 0666, 0, 0).deviceRules("deny a *:* rwm")
                .args("sleep", "600");
        runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);

        RuntimeResult exec = runtime.invoke("exec", "--process",
                processFile(bundle, "sh", "-c", "(head -c 1 /dev/zero) 2>&1; echo > /dev/null && echo null-ok").toString(),
                id);

        assertEquals(0, exec.exitCode(), exec::describe);
        List<String> lines = exec.stdout().strip().lines().toList();
        assertEquals(2, lines.size(), exec::describe);
        assertTrue(lines.get(0).endsWith("Operation not permitted"), exec::describe);
        assertEquals("null-ok", lines.get(1));
    }

    @Test
    void updateReplacesTheFilterAndARefusedListChangesNothing() throws IOException {
        String id = runtime.newContainerId();
        // The config's /dev/zero node takes it out of runc's defaults, so the config's rules decide.
        TestBundle bundle = newBundle().device("/dev/zero", "c", 1, 5, 0666, 0, 0).deviceRules("allow c 1:5 rwm")
                .args("sleep", "600");
        runtime.createSuccessfully(id, bundle, workspace.path("init.pid"));
        assertEquals(0, runtime.start(id).exitCode());
        String probe = processFile(bundle, "sh", "-c", "(head -c 1 /dev/zero | wc -c) 2>&1").toString();
        assertEquals("1", runtime.invoke("exec", "--process", probe, id).stdout().strip());

        Path refused = workspace.path("refused.json");
        Files.writeString(refused, "{\"devices\": [{\"allow\": true, \"type\": \"c\", \"major\": 1, \"access\": \"rw\"},"
                + " {\"allow\": false, \"type\": \"c\", \"major\": 1, \"minor\": 5, \"access\": \"w\"}]}");
        RuntimeResult bad = runtime.invoke("update", "--resources", refused.toString(), id);
        assertNotEquals(0, bad.exitCode(), bad::describe);
        assertTrue(bad.stderr().contains("linux.resources.devices"), bad::describe);
        assertEquals("1", runtime.invoke("exec", "--process", probe, id).stdout().strip());

        Path deny = workspace.path("deny.json");
        Files.writeString(deny, "{\"devices\": [{\"allow\": false, \"access\": \"rwm\"}]}");
        RuntimeResult update = runtime.invoke("update", "--resources", deny.toString(), id);
        assertEquals(0, update.exitCode(), update::describe);
        String after = runtime.invoke("exec", "--process", probe, id).stdout().strip();
        assertTrue(after.contains("Operation not permitted"), after);
    }

    @Test
    void aRuleListRuncRefusesFailsCreateAndLeavesNothing() {
        // Taking w from c 1:3 out of "c 1:* rw": cgroup v1 would silently ignore it.
        TestBundle bundle = newBundle().deviceRules("deny a *:* rwm", "allow c 1:* rw", "deny c 1:3 w");
        String id = runtime.newContainerId();

        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));

        assertNotEquals(0, create.exitCode(), create::describe);
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)), "state directory left behind");
        assertEquals(List.of(), Leftovers.cgroupsNamed(id), "cgroups left behind");
        assertEquals(List.of(), Leftovers.processesMentioning(id), "processes left behind");
        if (!create.mentions("cannot punch hole")) { // runc's wording; jrunc names the field
            assertTrue(create.mentions("linux.resources.devices: the rule \"c 1:3 w deny\""), create::describe);
        }
        RuntimeResult cleanup = runtime.deleteForce(id);
        assertEquals(0, cleanup.exitCode(), cleanup::describe);
    }

    // An OCI process object like containerd's: the bundle's process with other args.
    private Path processFile(TestBundle bundle, String... args) throws IOException {
        ObjectNode process = ((ObjectNode) bundle.config().get("process")).deepCopy();
        ArrayNode argArray = process.putArray("args");
        for (String arg : args) {
            argArray.add(arg);
        }
        Path file = Files.createTempFile(workspace.directory(), "process-", ".json");
        JSON.writeValue(file.toFile(), process);
        return file;
    }
}

package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** linux.sysctl: namespaced keys are set in the container's namespaces, never on the host. */
class SysctlTest extends ContainerTestSupport {

    @Test
    void networkAndIpcSysctlsApplyInsideOnly() throws Exception {
        String hostForward = sysctl("net/ipv4/ip_forward");
        String hostShmmni = sysctl("kernel/shmmni");
        String wantedForward = hostForward.equals("1") ? "0" : "1";
        TestBundle bundle = newBundle();
        ((ObjectNode) bundle.config().get("linux")).putObject("sysctl")
                .put("net.ipv4.ip_forward", wantedForward)
                .put("kernel.shmmni", "1234");

        RuntimeResult run = runShell(bundle, "cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmni");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(wantedForward + "\n1234\n", run.stdout(), run::describe);
        assertEquals(hostForward, sysctl("net/ipv4/ip_forward"));
        assertEquals(hostShmmni, sysctl("kernel/shmmni"));
    }

    /** Reads a sysctl in one read: Files.readString reads in pieces and sysctl files end at the first. */
    private static String sysctl(String name) throws java.io.IOException {
        try (java.io.InputStream in = Files.newInputStream(Path.of("/proc/sys", name))) {
            return new String(in.readNBytes(64), java.nio.charset.StandardCharsets.US_ASCII).strip();
        }
    }
}

package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.SharedRootfs;
import dev.jrunc.it.harness.TestBundle;
import dev.jrunc.it.harness.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code features} and {@code spec}: what they print and write, and that the written config runs. */
class FeaturesAndSpecTest extends ContainerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXISTS = "File config.json exists. Remove it first";

    @Test
    void featuresDescribesThisRuntimeOnThisHost() throws IOException {
        RuntimeResult result = runtime.invoke("features");

        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stdout().startsWith("{\n    \"ociVersionMin\""), result::describe);
        assertTrue(result.stdout().endsWith("}\n"), result::describe);
        JsonNode features = JSON.readTree(result.stdout());
        assertEquals("1.0.0", features.path("ociVersionMin").asText());
        assertEquals("1.3.0", features.path("ociVersionMax").asText());
        assertTrue(features.path("hooks").isArray(), "hooks: a list, never absent (absent means unknown)");
        assertEquals(List.of("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"),
                texts(features.path("hooks")));
        assertTrue(features.path("potentiallyUnsafeConfigAnnotations").isArray()
                && features.path("potentiallyUnsafeConfigAnnotations").isEmpty());
        List<String> mountOptions = texts(features.path("mountOptions"));
        assertTrue(mountOptions.containsAll(List.of("ro", "rro", "rbind", "rprivate", "nosymfollow")), mountOptions::toString);
        assertFalse(mountOptions.contains("idmap"));

        JsonNode linux = features.path("linux");
        assertEquals(List.of("cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts"),
                texts(linux.path("namespaces")));
        List<String> caps = texts(linux.path("capabilities"));
        assertEquals(Math.min(kernelLastCap(), 40) + 1, caps.size(), caps::toString);
        assertEquals("CAP_CHOWN", caps.getFirst());
        assertFalse(linux.path("cgroup").path("v1").asBoolean(true));
        assertTrue(linux.path("cgroup").path("v2").asBoolean(false));
        assertFalse(linux.path("cgroup").path("systemd").asBoolean(true));
        // Built-in support, as runc reports it (features.md), whatever the host has.
        assertTrue(linux.path("apparmor").path("enabled").asBoolean(false));
        assertTrue(linux.path("selinux").path("enabled").asBoolean(false));
        assertFalse(linux.path("mountExtensions").path("idmap").path("enabled").asBoolean(true));

        JsonNode seccomp = linux.path("seccomp");
        if (seccomp.path("enabled").asBoolean(false)) {
            List<String> actions = texts(seccomp.path("actions"));
            assertTrue(actions.containsAll(List.of("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL_PROCESS")));
            assertTrue(actions.contains("SCMP_ACT_NOTIFY"), actions::toString);
            assertEquals(7, seccomp.path("operators").size());
            assertTrue(texts(seccomp.path("archs")).contains(nativeArch()), seccomp.toString());
            assertFalse(features.path("annotations").path("io.github.seccomp.libseccomp.version").asText().isEmpty());
        }
        assertFalse(features.path("annotations").path("dev.jrunc.version").asText().isEmpty());
    }

    @Test
    void specWritesRuncsExampleInTheWorkingDirectoryAndNeverOverwritesIt() throws IOException {
        Path dir = workspace.newDirectory(Workspace.uniqueName());

        RuntimeResult first = runtime.invokeIn(dir, "spec");

        assertEquals(0, first.exitCode(), first::describe);
        assertEquals("", first.stdout());
        Path config = dir.resolve("config.json");
        String written = Files.readString(config);
        assertTrue(written.startsWith("{\n\t\"ociVersion\": \"1.3.0\",\n"), written);
        JsonNode spec = JSON.readTree(written);
        assertTrue(spec.path("process").path("terminal").asBoolean(false), "runc's default terminal: true");
        assertEquals(List.of("sh"), texts(spec.path("process").path("args")));
        assertEquals("rootfs", spec.path("root").path("path").asText());
        assertEquals("runc", spec.path("hostname").asText());

        RuntimeResult second = runtime.invokeIn(dir, "spec");

        assertEquals(1, second.exitCode(), second::describe);
        assertTrue(second.mentions(EXISTS), second::describe);
        assertEquals(written, Files.readString(config));

        RuntimeResult viaBundle = runtime.invoke("spec", "--bundle", dir.toString());
        assertEquals(1, viaBundle.exitCode(), viaBundle::describe);
        assertTrue(viaBundle.mentions(EXISTS), viaBundle::describe);
    }

    @Test
    void specRootlessMapsTheCallerToRoot() throws IOException {
        Path dir = workspace.newDirectory(Workspace.uniqueName());

        RuntimeResult result = runtime.invoke("spec", "--rootless", "-b", dir.toString());

        assertEquals(0, result.exitCode(), result::describe);
        JsonNode linux = JSON.readTree(dir.resolve("config.json").toFile()).path("linux");
        assertEquals(0, linux.path("uidMappings").path(0).path("containerID").asLong(-1));
        assertEquals(0, linux.path("uidMappings").path(0).path("hostID").asLong(-1), "the tests run as root");
        assertEquals(1, linux.path("uidMappings").path(0).path("size").asLong(-1));
        List<String> namespaces = new ArrayList<>();
        linux.path("namespaces").forEach(n -> namespaces.add(n.path("type").asText()));
        assertFalse(namespaces.contains("network"));
        assertEquals("user", namespaces.getLast());
        assertTrue(linux.path("resources").isMissingNode());
    }

    @Test
    void theGeneratedConfigRunsOnceTheTerminalIsOff() throws IOException {
        Path dir = workspace.newDirectory(Workspace.uniqueName());
        RuntimeResult spec = runtime.invoke("spec", "--bundle", dir.toString());
        assertEquals(0, spec.exitCode(), spec::describe);
        ObjectNode generated = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        // runc's example asks for a terminal (a console socket with an engine): the only change.
        ((ObjectNode) generated.path("process")).put("terminal", false);
        TestBundle bundle = new TestBundle(workspace.newDirectory(Workspace.uniqueName()), SharedRootfs.get().rootfs(),
                generated);

        RuntimeResult run = runShell(bundle,
                "echo ok; grep -E '^(CapEff|CapAmb|NoNewPrivs)' /proc/self/status; hostname; ulimit -n");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("ok\nCapEff:\t0000000020000420\nCapAmb:\t0000000000000000\nNoNewPrivs:\t1\nrunc\n1024\n",
                run.stdout(), run::describe);
    }

    private static String nativeArch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "SCMP_ARCH_X86_64";
            case "aarch64" -> "SCMP_ARCH_AARCH64";
            default -> "SCMP_ARCH_" + System.getProperty("os.arch").toUpperCase(java.util.Locale.ROOT);
        };
    }

    /** cap_last_cap in one read: sysctl files answer a read at an offset with EOF. */
    private static int kernelLastCap() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/kernel/cap_last_cap"))) {
            return Integer.parseInt(new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip());
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }
}

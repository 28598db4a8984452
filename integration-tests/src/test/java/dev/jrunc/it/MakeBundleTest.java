package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jrunc.it.harness.CommandResult;
import dev.jrunc.it.harness.CommandRunner;
import dev.jrunc.it.harness.ItEnvironment;
import dev.jrunc.it.harness.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bin/make-bundle: the rootfs and config.json it writes, and how it refuses. */
class MakeBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Workspace workspace;
    private CommandRunner runner;

    @BeforeEach
    void createWorkspace() {
        ItEnvironment.current().assumeRoot();
        workspace = Workspace.create();
        runner = new CommandRunner(workspace.newDirectory("output"));
    }

    @AfterEach
    void removeWorkspace() {
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void writesARunnableDefaultBundle() throws IOException {
        Path bundle = workspace.path("bundle");

        CommandResult result = makeBundle(bundle.toString());

        assertEquals(0, result.exitCode(), result::describe);
        Path rootfs = bundle.resolve("rootfs");
        assertAll(
                () -> assertTrue(Files.isExecutable(rootfs.resolve("bin/sh")), "bin/sh"),
                () -> assertTrue(Files.isExecutable(rootfs.resolve("bin/cat")), "bin/cat"),
                () -> assertTrue(Files.readAllLines(rootfs.resolve("etc/passwd")).containsAll(List.of(
                        "root:x:0:0:root:/root:/bin/sh", "jrunc:x:1000:1000:jrunc:/home/jrunc:/bin/sh"))),
                () -> assertTrue(Files.readString(rootfs.resolve("etc/group")).contains("jrunc:x:1000:")));
        for (String dir : List.of("proc", "sys", "dev", "tmp", "etc", "root", "run", "var")) {
            assertTrue(Files.isDirectory(rootfs.resolve(dir)), dir);
        }
        JsonNode config = JSON.readTree(bundle.resolve("config.json").toFile());
        assertEquals("1.3.0", config.path("ociVersion").asText());
        assertEquals("rootfs", config.path("root").path("path").asText());
        assertTrue(config.path("root").path("readonly").asBoolean());
        assertFalse(config.path("process").path("terminal").asBoolean());
        assertEquals("jrunc", config.path("hostname").asText());
        assertFalse(config.path("linux").has("cgroupsPath"));
        assertEquals(List.of("pid", "network", "ipc", "uts", "mount", "cgroup"),
                texts(config.path("linux").path("namespaces"), "type"));
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys"),
                texts(config.path("mounts"), "destination"));
    }

    @Test
    void honoursItsOptions() throws IOException {
        Path bundle = workspace.path("bundle");

        CommandResult result = makeBundle(bundle.toString(), "--writable", "--terminal", "--hostname", "box",
                "--cgroups-path", "/jrunc-it/x", "--", "echo", "a \"quoted\" \\ word");

        assertEquals(0, result.exitCode(), result::describe);
        JsonNode config = JSON.readTree(bundle.resolve("config.json").toFile());
        assertFalse(config.path("root").path("readonly").asBoolean(true));
        assertTrue(config.path("process").path("terminal").asBoolean());
        assertEquals("box", config.path("hostname").asText());
        assertEquals("/jrunc-it/x", config.path("linux").path("cgroupsPath").asText());
        assertEquals(List.of("echo", "a \"quoted\" \\ word"), texts(config.path("process").path("args"), null));
    }

    @Test
    void takesArgsAsJson() throws IOException {
        Path bundle = workspace.path("bundle");

        CommandResult result = makeBundle(bundle.toString(), "--args-json", "[\"sh\", \"-c\", \"exit 3\"]");

        assertEquals(0, result.exitCode(), result::describe);
        JsonNode config = JSON.readTree(bundle.resolve("config.json").toFile());
        assertEquals(List.of("sh", "-c", "exit 3"), texts(config.path("process").path("args"), null));
    }

    @Test
    void refusesANonEmptyDirectoryWithoutForce() throws IOException {
        Path bundle = workspace.newDirectory("bundle");
        Files.writeString(bundle.resolve("config.json"), "mine");

        CommandResult result = makeBundle(bundle.toString());

        assertEquals(1, result.exitCode(), result::describe);
        assertEquals(1, result.stderrLines().size(), result::describe);
        assertTrue(result.stderr().contains("--force"), result::describe);
        assertEquals("mine", Files.readString(bundle.resolve("config.json")));
        assertFalse(Files.exists(bundle.resolve("rootfs")));
    }

    @Test
    void forceReplacesTheBundleAndKeepsOtherFiles() throws IOException {
        Path bundle = workspace.path("bundle");
        assertEquals(0, makeBundle(bundle.toString(), "--", "first").exitCode());
        Files.writeString(bundle.resolve("rootfs/stale"), "old");
        Files.writeString(bundle.resolve("notes"), "keep me");

        CommandResult result = makeBundle(bundle.toString(), "--force", "--", "second");

        assertEquals(0, result.exitCode(), result::describe);
        assertFalse(Files.exists(bundle.resolve("rootfs/stale")), "the old rootfs was not replaced");
        assertEquals("keep me", Files.readString(bundle.resolve("notes")));
        JsonNode config = JSON.readTree(bundle.resolve("config.json").toFile());
        assertEquals(List.of("second"), texts(config.path("process").path("args"), null));
    }

    @Test
    void hostBinariesBringTheirLibrariesAndLoader() throws IOException {
        Path bundle = workspace.path("bundle");

        CommandResult result = makeBundle(bundle.toString(), "--host-binaries");

        assertEquals(0, result.exitCode(), result::describe);
        Path rootfs = bundle.resolve("rootfs");
        Path hostSh = Path.of("/bin/sh").toRealPath();
        CommandResult ldd = runner.run(List.of("ldd", hostSh.toString()), workspace.directory(), Duration.ofSeconds(30));
        List<String> libraries = ldd.stdout().lines()
                .map(line -> line.strip().split("\\s+"))
                .map(fields -> fields.length >= 3 && fields[1].equals("=>") ? fields[2] : fields[0])
                .filter(path -> path.startsWith("/"))
                .toList();
        assertFalse(libraries.isEmpty(), ldd::describe);
        for (String library : libraries) {
            assertTrue(Files.isRegularFile(rootfs.resolve(library.substring(1))), "missing " + library);
        }
        assertTrue(Files.isExecutable(rootfs.resolve("bin/sh")));
        assertFalse(Files.exists(rootfs.resolve("bin/busybox")));
    }

    @Test
    void rejectsUnknownOptionsWithOneLine() {
        CommandResult result = makeBundle(workspace.path("bundle").toString(), "--no-such-option");

        assertEquals(1, result.exitCode(), result::describe);
        assertEquals(1, result.stderrLines().size(), result::describe);
        assertFalse(Files.exists(workspace.path("bundle")));
    }

    private CommandResult makeBundle(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ItEnvironment.current().makeBundleScript().toString());
        command.addAll(List.of(args));
        return runner.run(command, workspace.directory(), Duration.ofMinutes(2));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add((field == null ? element : element.path(field)).asText()));
        return values;
    }
}

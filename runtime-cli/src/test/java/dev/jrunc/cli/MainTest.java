package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.container.state.StatusProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final String NOT_FOUND_JSON =
            "{\"level\":\"error\",\"msg\":\"container \\\"nope\\\" does not exist\",\"time\":\"2024-05-01T12:20:30+02:00\"}\n";

    @TempDir
    Path tmp;

    private String root() {
        return tmp.resolve("root").toString();
    }

    @Test
    void versionInRuncsLayout() {
        for (String flag : new String[] {"--version", "-v"}) {
            CliRun r = CliRun.of(flag);
            assertEquals(0, r.exitCode());
            assertEquals("jrunc version 0.1.0\nspec: 1.3.0\n", r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void helpSucceeds() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Usage: jrunc"), r.out());
        assertTrue(r.out().contains("create"), r.out());
        assertEquals(0, CliRun.of("kill", "--help").exitCode());
        assertEquals(0, CliRun.of().exitCode());
    }

    @Test
    void aMissingContainerIsOneLineAndOneJsonLogLineInBothOptionForms() throws IOException {
        Path spaced = tmp.resolve("spaced.json");
        Path joined = tmp.resolve("joined.json");
        CliRun a = CliRun.of("--root", root(), "--log", spaced.toString(), "--log-format", "json", "state", "nope");
        CliRun b = CliRun.of("--root=" + root(), "--log=" + joined, "--log-format=json", "state", "nope");
        for (CliRun r : new CliRun[] {a, b}) {
            assertEquals(1, r.exitCode());
            assertEquals("container \"nope\" does not exist\n", r.err());
            assertEquals("", r.out());
        }
        assertEquals(NOT_FOUND_JSON, Files.readString(spaced));
        assertEquals(NOT_FOUND_JSON, Files.readString(joined));
    }

    @Test
    void theLogIsAppendedToInTextFormatByDefault() throws IOException {
        Path log = tmp.resolve("log.txt");
        Files.writeString(log, "earlier\n");
        CliRun.of("--root", root(), "--log", log.toString(), "kill", "nope", "9");
        assertEquals("earlier\ntime=\"2024-05-01T12:20:30+02:00\" level=error msg=\"container \\\"nope\\\" does not exist\"\n",
                Files.readString(log));
    }

    @Test
    void debugAddsDebugLines() throws IOException {
        Path log = tmp.resolve("log.json");
        CliRun r = CliRun.of("--debug", "--root", root(), "--log", log.toString(), "--log-format", "json", "state", "nope");
        String[] lines = Files.readString(log).split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("{\"level\":\"debug\",\"msg\":\"jrunc 0.1.0: --debug --root "), lines[0]);
        assertEquals(NOT_FOUND_JSON.strip(), lines[1]);
        assertEquals("container \"nope\" does not exist\n", r.err());

        CliRun toStderr = CliRun.of("--debug", "--root", root(), "state", "nope");
        assertTrue(toStderr.err().startsWith("time=\"2024-05-01T12:20:30+02:00\" level=debug msg=\"jrunc 0.1.0: "), toStderr.err());
        assertTrue(toStderr.err().endsWith("\ncontainer \"nope\" does not exist\n"), toStderr.err());
    }

    @Test
    void deleteForceOfAMissingContainerSucceedsSilently() {
        CliRun r = CliRun.of("--root", root(), "delete", "--force", "nope");
        assertEquals(new CliRun(0, "", ""), r);
        assertEquals(new CliRun(0, "", ""), CliRun.of("--root", root(), "delete", "-f", "nope"));
        assertEquals(1, CliRun.of("--root", root(), "delete", "nope").exitCode());
    }

    @Test
    void usageErrorsUseRuncsWording() throws IOException {
        Path log = tmp.resolve("usage.json");
        CliRun r = CliRun.of("--log", log.toString(), "--log-format", "json", "state");
        assertEquals(new CliRun(1, "", "jrunc: \"state\" requires exactly 1 argument(s)\n"), r);
        assertTrue(Files.readString(log).contains("\"msg\":\"jrunc: \\\"state\\\" requires exactly 1 argument(s)\""));
        assertEquals("jrunc: \"kill\" requires a maximum of 2 argument(s)\n", CliRun.of("kill", "a", "9", "x").err());
        assertEquals("jrunc: \"kill\" requires a minimum of 1 argument(s)\n", CliRun.of("kill").err());
        assertEquals("jrunc: \"delete\" requires exactly 1 argument(s)\n", CliRun.of("delete", "a", "b").err());
    }

    @Test
    void unknownOptionsAndCommandsAreOneLineUsageErrors() {
        for (String[] args : new String[][] {{"--bogus", "list"}, {"state", "--bogus", "x"}, {"frobnicate"},
                {"--log-format", "xml", "list"}, {"--rootless", "maybe", "list"}, {"kill", "--all"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(1, r.exitCode(), String.join(" ", args));
            assertTrue(r.err().startsWith("jrunc: "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void acceptsRuncsGlobalFlags() {
        assertEquals(0, CliRun.of("--rootless=true", "--root", root(), "delete", "--force", "x").exitCode());
        assertEquals(0, CliRun.of("--rootless", "AUTO", "--root", root(), "delete", "--force", "x").exitCode());
        assertEquals(0, CliRun.of("--systemd-cgroup", "--root", root(), "delete", "--force", "x").exitCode());
        assertEquals(0, CliRun.of("--log-format", "JSON", "--root", root(), "delete", "--force", "x").exitCode());
    }

    @Test
    void theSystemdDriverIsRefusedWhereItWouldBeNeeded() {
        CliRun r = CliRun.of("--systemd-cgroup", "--root", root(), "create", "--bundle", tmp.toString(), "c1");
        assertEquals(1, r.exitCode());
        assertEquals("the systemd cgroup driver is not supported (--systemd-cgroup): "
                + "jrunc manages cgroups through cgroupfs only\n", r.err());
        assertFalse(Files.exists(tmp.resolve("root/c1")));
    }

    @Test
    void killRejectsUnknownSignals() {
        assertEquals(new CliRun(1, "", "unknown signal \"FOO\"\n"), CliRun.of("--root", root(), "kill", "c1", "FOO"));
    }

    @Test
    void listOfAnEmptyRoot() {
        assertEquals(new CliRun(0, "ID          PID         STATUS      BUNDLE      CREATED     OWNER\n", ""),
                CliRun.of("--root", root(), "list"));
        assertEquals(new CliRun(0, "null\n", ""), CliRun.of("--root", root(), "list", "--format", "json"));
        assertEquals(new CliRun(0, "", ""), CliRun.of("--root", root(), "list", "-q"));
    }

    @Test
    void stateListAndPsOfAHandMadeContainer() throws Exception {
        Process init = new ProcessBuilder("sleep", "60").start();
        try {
            int pid = (int) init.pid();
            StateStore store = new StateStore(tmp.resolve("root"));
            store.reserve("c1");
            store.save(new SavedState("c1", "/b", "/b/rootfs", pid, StatusProbe.procStartTime(pid),
                    Instant.parse("2024-05-01T10:20:30.5Z"), "", null, Map.of("k", "v")));
            Files.writeString(store.configCopy("c1"), "{\"ociVersion\":\"1.0.2\"}");

            CliRun state = CliRun.of("--root", root(), "state", "c1");
            assertEquals(0, state.exitCode(), state.err());
            assertEquals("{\n  \"ociVersion\": \"1.0.2\",\n  \"id\": \"c1\",\n  \"pid\": " + pid + ",\n"
                    + "  \"status\": \"running\",\n  \"bundle\": \"/b\",\n  \"rootfs\": \"/b/rootfs\",\n"
                    + "  \"created\": \"2024-05-01T10:20:30.5Z\",\n  \"annotations\": {\n    \"k\": \"v\"\n  },\n"
                    + "  \"owner\": \"\"\n}\n", state.out());

            String owner = Files.getOwner(store.dir("c1")).getName();
            assertEquals("[{\"ociVersion\":\"1.0.2\",\"id\":\"c1\",\"pid\":" + pid + ",\"status\":\"running\","
                    + "\"bundle\":\"/b\",\"rootfs\":\"/b/rootfs\",\"created\":\"2024-05-01T10:20:30.5Z\","
                    + "\"annotations\":{\"k\":\"v\"},\"owner\":\"" + owner + "\"}]\n",
                    CliRun.of("--root", root(), "list", "-f", "json").out());
            assertEquals("c1\n", CliRun.of("--root", root(), "list", "--quiet").out());
            String table = CliRun.of("--root", root(), "list").out();
            assertTrue(table.startsWith("ID          PID         STATUS      BUNDLE      CREATED                  OWNER\n"
                    + "c1          " + pid), table);
            assertEquals("[" + pid + "]\n", CliRun.of("--root", root(), "ps", "--format", "json", "c1").out());

            assertEquals(0, CliRun.of("--root", root(), "kill", "c1", "KILL").exitCode());
            init.waitFor();
            assertTrue(CliRun.of("--root", root(), "state", "c1").out().contains("\"pid\": 0,\n  \"status\": \"stopped\""));
            assertEquals(new CliRun(1, "", "container not running\n"), CliRun.of("--root", root(), "kill", "c1", "15"));
            assertEquals(0, CliRun.of("--root", root(), "kill", "--all", "c1", "9").exitCode());
            assertEquals(0, CliRun.of("--root", root(), "delete", "c1").exitCode());
            assertFalse(Files.exists(store.dir("c1")));
        } finally {
            init.destroyForcibly();
        }
    }
}

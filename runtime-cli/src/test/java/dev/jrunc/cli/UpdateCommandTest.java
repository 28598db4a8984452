package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Resources;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code update}'s flags as runc reads them, and its failures before any container is touched. */
class UpdateCommandTest {
    @TempDir
    Path root;

    private static Resources flags(String... args) {
        UpdateFlags flags = new UpdateFlags();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(flags);
        flags.declare(new OptionBinder(spec));
        new CommandLine(spec).parseArgs(args);
        return flags.toResources();
    }

    private static String error(String... args) {
        return assertThrows(ContainerException.class, () -> flags(args)).getMessage();
    }

    @Test
    void flagsBecomeAResourcesDocument() {
        Resources r = flags("--memory", "16m", "--memory-swap", "-1", "--memory-reservation", "1g", "--pids-limit", "0",
                "--cpu-share", "512", "--cpu-quota", "-1", "--cpu-period", "50000", "--cpu-burst", "10",
                "--cpuset-cpus", "0-1", "--cpuset-mems", "0", "--cpu-idle", "1", "--blkio-weight", "300");
        assertEquals(16L << 20, r.memory().limit());
        assertEquals(-1L, r.memory().swap());
        assertEquals(1L << 30, r.memory().reservation());
        assertEquals(false, r.memory().checkBeforeUpdate());
        assertEquals(0L, r.pids().limit());
        assertEquals(512L, r.cpu().shares());
        assertEquals(-1L, r.cpu().quota());
        assertEquals(50000L, r.cpu().period());
        assertEquals(10L, r.cpu().burst());
        assertEquals("0-1", r.cpu().cpus());
        assertEquals("0", r.cpu().mems());
        assertEquals(1L, r.cpu().idle());
        assertEquals(300, r.blockIo().weight());
    }

    @Test
    void flagsNotGivenOrGivenEmptyAreNotSet() {
        Resources r = flags("--memory", "", "--blkio-weight", "0");
        assertNull(r.memory().limit());
        assertNull(r.pids());
        assertNull(r.blockIo());
        assertNull(r.cpu().shares());
        assertNull(r.cpu().cpus());
    }

    @Test
    void badValuesAreRuncsErrors() {
        assertEquals("invalid value for memory: invalid suffix: 'x'", error("--memory", "16x"));
        assertEquals("invalid value for memory-swap: invalid size: '-2'", error("--memory-swap", "-2"));
        assertEquals("invalid value for cpu-period: strconv.ParseUint: parsing \"-5\": invalid syntax",
                error("--cpu-period", "-5"));
        assertEquals("invalid value for cpu-share: strconv.ParseUint: parsing \"99999999999999999999\": value out of"
                + " range", error("--cpu-share", "99999999999999999999"));
        assertEquals("invalid value for cpu-quota: strconv.ParseInt: parsing \"1.5\": invalid syntax",
                error("--cpu-quota", "1.5"));
        assertEquals("invalid value for blkio-weight: 70000 is out of range", error("--blkio-weight", "70000"));
    }

    @Test
    void updateOfAMissingContainerFails() {
        CliRun run = CliRun.of("--root", root.toString(), "update", "--memory", "16m", "nosuch");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("container \\\"nosuch\\\" does not exist") || run.err().contains(
                "container \"nosuch\" does not exist"), run.err());
    }

    @Test
    void updateNeedsExactlyOneId() {
        CliRun run = CliRun.of("--root", root.toString(), "update");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("\"update\" requires exactly 1 argument(s)"), run.err());
    }
}

package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpawnTest {
    @TempDir
    Path tmp;

    private static int sh(String script, List<String> env, List<Spawn.FdMapping> mappings) {
        return Spawn.spawn("/bin/sh", List.of("sh", "-c", script), env, mappings);
    }

    @Test
    void exitCodeOfASpawnedShell() {
        int pid = sh("exit 3", List.of(), List.of());
        assertTrue(pid > 0);
        int status = NativeTestSupport.waitWithDeadline(pid, 10_000);
        assertEquals(3, Processes.exitCode(status));
    }

    @Test
    void anFdMappingPlacesTheDescriptorAtTheTargetNumber() {
        int[] pair = Sockets.socketpair(Sockets.SOCK_STREAM);
        try {
            int pid = sh("echo written-to-fd-7 >&7", List.of(), List.of(new Spawn.FdMapping(pair[1], 7)));
            assertEquals(0, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)));
            Files.close(pair[1]);
            pair[1] = -1;
            assertEquals("written-to-fd-7\n", NativeTestSupport.readAll(pair[0]));
        } finally {
            Files.closeQuietly(pair[0]);
            Files.closeQuietly(pair[1]);
        }
    }

    @Test
    void aMappingOntoItsOwnNumberClearsCloexec() throws IOException {
        // openat always sets O_CLOEXEC: without the mapping the child would not have the fd.
        Path out = java.nio.file.Files.createFile(tmp.resolve("out"));
        int fd = Files.open(out.toString(), Files.O_WRONLY);
        try {
            int pid = sh("echo same-number > /proc/self/fd/" + fd, List.of(), List.of(new Spawn.FdMapping(fd, fd)));
            assertEquals(0, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)));
        } finally {
            Files.close(fd);
        }
        assertEquals("same-number\n", java.nio.file.Files.readString(out));
    }

    @Test
    void cloexecDescriptorsWithoutAMappingAreNotInherited() throws IOException {
        Path out = java.nio.file.Files.createFile(tmp.resolve("out"));
        int fd = Files.open(out.toString(), Files.O_WRONLY);
        try {
            int pid = sh("test -e /proc/self/fd/" + fd + " && exit 1; exit 0", List.of(), List.of());
            assertEquals(0, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)));
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void aBareSpawnInheritsExactlyTheDescriptorsThatAreNotCloseOnExec() throws IOException {
        Path shown = java.nio.file.Files.createFile(tmp.resolve("shown"));
        Path hidden = java.nio.file.Files.createFile(tmp.resolve("hidden"));
        int inheritable = Files.open(shown.toString(), Files.O_WRONLY);
        int closeOnExec = Files.open(hidden.toString(), Files.O_WRONLY);
        try {
            Files.setCloseOnExec(inheritable, false);
            // (sh redirects only single-digit descriptors with >&N, hence /proc/self/fd.)
            int pid = Spawn.spawnBare("/bin/sh", List.of("sh", "-c", "echo inherited > /proc/self/fd/" + inheritable
                    + " || exit 2; test -e /proc/self/fd/" + closeOnExec + " && exit 1; exit 0"), List.of());
            assertEquals(0, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)),
                    "2: the inheritable descriptor is missing, 1: a close-on-exec one reached the child");
        } finally {
            Files.close(inheritable);
            Files.close(closeOnExec);
        }
        assertEquals("inherited\n", java.nio.file.Files.readString(shown));
    }

    @Test
    void theEnvironmentIsExactlyEnvp() {
        int[] pair = Sockets.socketpair(Sockets.SOCK_STREAM);
        try {
            int pid = Spawn.spawn("/usr/bin/env", List.of("env"), List.of("FOO=bar", "A=b c"),
                    List.of(new Spawn.FdMapping(pair[1], 1)));
            assertEquals(0, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)));
            Files.close(pair[1]);
            pair[1] = -1;
            assertEquals("FOO=bar\nA=b c\n", NativeTestSupport.readAll(pair[0]));
        } finally {
            Files.closeQuietly(pair[0]);
            Files.closeQuietly(pair[1]);
        }
    }

    @Test
    void theChildStartsWithAnEmptySignalMaskAndNoIgnoredSignals() {
        int[] pair = Sockets.socketpair(Sockets.SOCK_STREAM);
        try {
            int pid = Spawn.spawn("/bin/cat", List.of("cat", "/proc/self/status"), List.of(),
                    List.of(new Spawn.FdMapping(pair[1], 1)));
            assertEquals(0, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)));
            Files.close(pair[1]);
            pair[1] = -1;
            String status = NativeTestSupport.readAll(pair[0]);
            assertTrue(status.contains("\nSigBlk:\t0000000000000000\n"), status);
            // Signals 32 and 33 are glibc's internal ones (SIGCANCEL, SIGSETXID): sigaction refuses
            // them, so their disposition is whatever the JVM inherited, and glibc resets them itself.
            long ignored = Long.parseUnsignedLong(field(status, "SigIgn:"), 16);
            assertEquals(0L, ignored & ~0x180000000L, "ignored signals: " + Long.toHexString(ignored));
        } finally {
            Files.closeQuietly(pair[0]);
            Files.closeQuietly(pair[1]);
        }
    }

    private static String field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name)).findFirst().orElseThrow()
                .substring(name.length()).strip();
    }

    @Test
    void aMissingProgramFailsWithEnoentNamingThePath() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> Spawn.spawn("/nonexistent-jrunc/prog", List.of("prog", "arg"), List.of(), List.of()));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("posix_spawn(path=\"/nonexistent-jrunc/prog\", argv=[prog, arg]): No such file or directory (ENOENT)",
                e.getMessage());
    }

    @Test
    void aMappingOfABadDescriptorFails() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> sh("exit 0", List.of(), List.of(new Spawn.FdMapping(999_999, 5))));
        assertEquals(Errno.EBADF, e.errno());
        assertTrue(e.getMessage().startsWith("posix_spawn"), e.getMessage());
    }

    @Test
    void argvIsPassedAsGiven() throws IOException {
        Path out = tmp.resolve("argv");
        int pid = Spawn.spawn("/bin/sh", List.of("custom-argv0", "-c", "printf '%s|%s|%s' \"$0\" \"$1\" \"$2\" > " + out,
                "x y", ""), List.of(), List.of());
        assertEquals(0, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)));
        assertEquals("x y||", java.nio.file.Files.readString(out));
    }
}

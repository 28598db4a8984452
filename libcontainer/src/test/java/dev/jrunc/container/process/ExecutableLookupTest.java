package dev.jrunc.container.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrunc.container.ContainerException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ExecutableLookup against the host's file system (the caller is "rooted" at the host's /). */
class ExecutableLookupTest {
    @TempDir
    Path tmp;

    private Path executable(String name) throws IOException {
        Path p = java.nio.file.Files.writeString(tmp.resolve(name), "#!/bin/sh\n");
        java.nio.file.Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void aNameIsSearchedInThePathOfTheProcessEnvironment() throws IOException {
        java.nio.file.Files.createDirectories(tmp.resolve("first"));
        java.nio.file.Files.createDirectories(tmp.resolve("second"));
        Path second = java.nio.file.Files.writeString(tmp.resolve("second/tool"), "x");
        java.nio.file.Files.setPosixFilePermissions(second, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Not executable in "first": skipped.
        java.nio.file.Files.writeString(tmp.resolve("first/tool"), "x");
        String path = "PATH=" + tmp.resolve("first") + ":" + tmp.resolve("second");
        assertEquals(second.toString(), ExecutableLookup.resolve("tool", List.of("A=1", path), "/"));
    }

    @Test
    void theLastPathEntryOfTheEnvironmentWins() throws IOException {
        Path tool = executable("tool");
        assertEquals(tool.toString(), ExecutableLookup.resolve("tool",
                List.of("PATH=/nonexistent", "PATH=" + tmp), "/"));
    }

    @Test
    void withoutPathTheDefaultIsSearched() {
        String expected = java.util.stream.Stream.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin",
                        "/bin").map(d -> d + "/env")
                .filter(p -> java.nio.file.Files.isRegularFile(Path.of(p)) && java.nio.file.Files.isExecutable(Path.of(p)))
                .findFirst().orElseThrow();
        assertEquals(expected, ExecutableLookup.resolve("env", List.of("HOME=/root"), "/"));
    }

    @Test
    void anEmptyPathEntryMeansTheWorkingDirectory() throws IOException {
        Path tool = executable("tool");
        assertEquals(tmp + "/tool", ExecutableLookup.resolve("tool", List.of("PATH=/nonexistent:"), tmp.toString()));
        assertEquals(tool.toString(), ExecutableLookup.resolve("tool", List.of("PATH=:/nonexistent"), tmp + "/"));
    }

    @Test
    void aDirectoryInThePathIsNotAnExecutable() throws IOException {
        java.nio.file.Files.createDirectories(tmp.resolve("a/tool"));
        ContainerException e = assertThrows(ContainerException.class,
                () -> ExecutableLookup.resolve("tool", List.of("PATH=" + tmp.resolve("a")), "/"));
        assertEquals("exec: \"tool\": executable file not found in $PATH", e.getMessage());
    }

    @Test
    void aNameWithASlashIsTakenAsIsOrRelativeToTheCwd() throws IOException {
        Path tool = executable("tool");
        assertEquals(tool.toString(), ExecutableLookup.resolve(tool.toString(), List.of("PATH=/nonexistent"), "/"));
        assertEquals(tmp + "/./tool", ExecutableLookup.resolve("./tool", List.of(), tmp.toString()));
    }

    @Test
    void aMissingPathIsReportedWithStat() {
        ContainerException e = assertThrows(ContainerException.class,
                () -> ExecutableLookup.resolve("/nonexistent-jrunc/prog", List.of(), "/"));
        assertEquals("exec: \"/nonexistent-jrunc/prog\": stat /nonexistent-jrunc/prog: no such file or directory",
                e.getMessage());
    }

    @Test
    void aDirectoryGivenByPathIsPermissionDenied() {
        ContainerException e = assertThrows(ContainerException.class,
                () -> ExecutableLookup.resolve(tmp.toString(), List.of(), "/"));
        assertEquals("exec: \"" + tmp + "\": is a directory: permission denied", e.getMessage());
    }

    @Test
    void aNameNotFoundAnywhere() {
        ContainerException e = assertThrows(ContainerException.class,
                () -> ExecutableLookup.resolve("no-such-tool-jrunc", List.of("PATH=/nonexistent"), "/"));
        assertEquals("exec: \"no-such-tool-jrunc\": executable file not found in $PATH", e.getMessage());
    }
}

package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every number in {@link SyscallNumbers} against the kernel's own tables (linux-libc-dev): a
 * wrong number here would make a binding silently run another system call.
 */
class SyscallNumbersTest {
    private static final Path X86_64 = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
    private static final Path GENERIC = Path.of("/usr/include/asm-generic/unistd.h");

    @Test
    void x86_64NumbersMatchTheKernelHeader() throws IOException {
        assumeTrue(Files.isReadable(X86_64), X86_64 + " is missing (apt-get install linux-libc-dev)");
        Map<String, Long> table = defines(X86_64);
        for (SyscallNumbers nr : SyscallNumbers.values()) {
            assertEquals(table.get("__NR_" + name(nr)), nr.x86_64(), nr + " on x86_64");
        }
    }

    @Test
    void arm64NumbersMatchTheGenericTable() throws IOException {
        assumeTrue(Files.isReadable(GENERIC), GENERIC + " is missing (apt-get install linux-libc-dev)");
        Map<String, Long> table = defines(GENERIC);
        for (SyscallNumbers nr : SyscallNumbers.values()) {
            // Calls with a 32-bit and a 64-bit variant are defined as __NR3264_<name> there.
            Long generic = table.getOrDefault("__NR_" + name(nr),
                    table.get("__NR3264_" + name(nr).replaceFirst("^new", "")));
            assertEquals(generic, nr.aarch64(), nr + " on arm64");
        }
    }

    @Test
    void theGateRunsTheCallItNames() {
        try (NativeScope s = new NativeScope()) {
            assertEquals(ProcessHandle.current().pid(), RawSyscall.call(s, SyscallNumbers.GETPID));
        }
    }

    private static String name(SyscallNumbers nr) {
        return nr.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Long> defines(Path header) throws IOException {
        Map<String, Long> table = new HashMap<>();
        for (String line : Files.readAllLines(header)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals("#define") && f[2].matches("\\d+")) {
                table.put(f[1], Long.parseLong(f[2]));
            }
        }
        return table;
    }
}

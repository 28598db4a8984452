package dev.jrunc.container.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.ContainerException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RlimitNamesTest {

    @Test
    void numbersMatchTheGenericKernelHeader() throws IOException {
        Path header = Path.of("/usr/include/asm-generic/resource.h");
        assumeTrue(java.nio.file.Files.exists(header), "no " + header + " (install linux-libc-dev)");
        Map<String, Integer> defined = new TreeMap<>();
        Matcher m = Pattern.compile("^#\\s*define\\s+(RLIMIT_[A-Z]+)\\s+(\\d+)", Pattern.MULTILINE)
                .matcher(java.nio.file.Files.readString(header));
        while (m.find()) {
            defined.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertTrue(defined.size() >= 16, "parsed only " + defined);
        for (Map.Entry<String, Integer> e : defined.entrySet()) {
            assertEquals(e.getValue(), RlimitNames.resource(e.getKey(), "f"), e.getKey());
        }
    }

    @Test
    void wellKnownNumbers() {
        assertEquals(0, RlimitNames.resource("RLIMIT_CPU", "f"));
        assertEquals(6, RlimitNames.resource("RLIMIT_NPROC", "f"));
        assertEquals(7, RlimitNames.resource("RLIMIT_NOFILE", "f"));
        assertEquals(15, RlimitNames.resource("RLIMIT_RTTIME", "f"));
    }

    @Test
    void anUnknownNameIsAnErrorNamingTheField() {
        ContainerException e = assertThrows(ContainerException.class,
                () -> RlimitNames.resource("RLIMIT_BOGUS", "process.rlimits[2].type"));
        assertEquals("process.rlimits[2].type: unknown rlimit \"RLIMIT_BOGUS\"", e.getMessage());
        assertThrows(ContainerException.class, () -> RlimitNames.resource("NOFILE", "f"));
    }
}

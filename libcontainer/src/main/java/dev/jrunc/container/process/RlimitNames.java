package dev.jrunc.container.process;

import dev.jrunc.container.ContainerException;
import java.util.List;

/** RLIMIT_* names and their resource numbers (the generic Linux numbering of x86_64 and arm64). */
public final class RlimitNames {
    private static final List<String> NAMES = List.of("RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK",
            "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS",
            "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");

    private RlimitNames() {
    }

    public static int resource(String name, String field) {
        int n = NAMES.indexOf(name);
        if (n < 0) {
            throw new ContainerException(field + ": unknown rlimit \"" + name + "\"");
        }
        return n;
    }
}

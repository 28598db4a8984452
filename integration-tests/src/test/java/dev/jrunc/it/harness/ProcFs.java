package dev.jrunc.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What /proc says about one process. */
public final class ProcFs {

    private ProcFs() {
    }

    /** Whether {@code pid} exists and is not a zombie (a zombie has exited; only its entry is left). */
    public static boolean isLive(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // "PID (comm) STATE ...": comm may hold spaces and parentheses, so look after the last ')'.
        int afterComm = stat.lastIndexOf(')');
        return afterComm > 0 && stat.length() > afterComm + 2 && stat.charAt(afterComm + 2) != 'Z';
    }

    /** The parent PID of {@code pid}, or -1 if it is gone. */
    public static long parentOf(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    }

    /** A /proc file's content, or "" if the process (or the file) is gone. */
    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

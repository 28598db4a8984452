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

    /**
     * Whether {@code pid} has a handler for {@code signal} (its SigCgt mask): a container's init
     * ignores a signal it has no handler for, so a test must not send one before the handler is in.
     */
    public static boolean catches(long pid, int signal) {
        return read(Path.of("/proc", Long.toString(pid), "status")).lines()
                .filter(line -> line.startsWith("SigCgt:"))
                .map(line -> new java.math.BigInteger(line.substring("SigCgt:".length()).strip(), 16))
                .anyMatch(mask -> mask.testBit(signal - 1));
    }

    /** A file of {@code pid}'s root file system as seen from the host, or "" if it (or the process) is gone. */
    public static String readInRoot(long pid, String path) {
        return read(Path.of("/proc", Long.toString(pid), "root", path.startsWith("/") ? path.substring(1) : path));
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

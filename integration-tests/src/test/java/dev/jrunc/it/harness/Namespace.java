package dev.jrunc.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Linux namespaces of the runtime spec, with their names in /proc and for unshare(1). */
public enum Namespace {
    PID("pid", "pid", "--pid"),
    NETWORK("network", "net", "--net"),
    IPC("ipc", "ipc", "--ipc"),
    UTS("uts", "uts", "--uts"),
    MOUNT("mount", "mnt", "--mount"),
    CGROUP("cgroup", "cgroup", "--cgroup"),
    USER("user", "user", "--user"),
    TIME("time", "time", "--time");

    private final String specType;
    private final String procName;
    private final String unshareFlag;

    Namespace(String specType, String procName, String unshareFlag) {
        this.specType = specType;
        this.procName = procName;
        this.unshareFlag = unshareFlag;
    }

    /** The {@code linux.namespaces[].type} value. */
    public String specType() {
        return specType;
    }

    /** The entry name under /proc/PID/ns. */
    public String procName() {
        return procName;
    }

    /** The unshare(1) option that creates it. */
    public String unshareFlag() {
        return unshareFlag;
    }

    /** /proc/{pid}/ns/{name} of a process. */
    public Path pathOf(long pid) {
        return Path.of("/proc", Long.toString(pid), "ns", procName);
    }

    /** The identity of a process's namespace, as readlink shows it, e.g. {@code net:[4026531840]}. */
    public String identityOf(long pid) {
        return readLink(pathOf(pid));
    }

    /** The identity of this JVM's (the host's) namespace. */
    public String hostIdentity() {
        return readLink(Path.of("/proc/self/ns", procName));
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

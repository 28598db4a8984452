package dev.jrunc.container.create;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.rootfs.ContainerThread;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.SyscallException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code linux.sysctl}: only keys that belong to a namespace the container has of its own are
 * accepted (runc's rule), so a container can never change the host's kernel settings. They are
 * written from a thread in the init's network, IPC and UTS namespaces, where /proc/sys shows
 * that namespace's values.
 */
record SysctlPlan(Map<String, String> settings, List<NamespaceType> namespaces) {

    private static final List<String> IPC_KEYS = List.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
            "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");
    private static final List<String> UTS_KEYS = List.of("kernel.hostname", "kernel.domainname");

    static SysctlPlan of(Map<String, String> sysctl, NamespacePlan ns) {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean net = false;
        boolean ipc = false;
        boolean uts = false;
        for (Map.Entry<String, String> e : sysctl.entrySet()) {
            String key = e.getKey().replace('/', '.');
            String field = "linux.sysctl[\"" + e.getKey() + "\"]";
            if (IPC_KEYS.contains(key) || key.startsWith("fs.mqueue.")) {
                require(ns, NamespaceType.IPC, field, "ipc");
                ipc = true;
            } else if (key.startsWith("net.")) {
                require(ns, NamespaceType.NETWORK, field, "network");
                net = true;
            } else if (UTS_KEYS.contains(key)) {
                require(ns, NamespaceType.UTS, field, "uts");
                uts = true;
            } else {
                throw new ContainerException(field + ": not in a separate kernel namespace; only ipc, network "
                        + "and uts namespaced sysctls can be set");
            }
            settings.put(key, e.getValue());
        }
        List<NamespaceType> enter = new ArrayList<>();
        if (net) {
            enter.add(NamespaceType.NETWORK);
        }
        if (ipc) {
            enter.add(NamespaceType.IPC);
        }
        if (uts) {
            enter.add(NamespaceType.UTS);
        }
        return new SysctlPlan(Map.copyOf(settings), List.copyOf(enter));
    }

    /** Writes every setting; must run on a {@link ContainerThread} in {@link #namespaces()}. */
    void apply() {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String path = "/proc/sys/" + e.getKey().replace('.', '/');
            try {
                int fd = Files.open(path, Files.O_WRONLY);
                try {
                    // One write(2): sysctl handlers do not take a value in pieces.
                    Files.writeFully(fd, e.getValue().getBytes(StandardCharsets.UTF_8));
                } finally {
                    Files.closeQuietly(fd);
                }
            } catch (SyscallException ex) {
                throw new ContainerException("linux.sysctl[\"" + e.getKey() + "\"]: writing \"" + e.getValue()
                        + "\" failed: " + ex.getMessage(), ex);
            }
        }
    }

    private static void require(NamespacePlan ns, NamespaceType type, String field, String name) {
        if (!ns.isNew(type) && ns.joins().stream().noneMatch(j -> j.type() == type)) {
            throw new ContainerException(field + ": not allowed in the host's " + name + " namespace");
        }
    }
}

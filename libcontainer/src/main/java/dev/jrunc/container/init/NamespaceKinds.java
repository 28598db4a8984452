package dev.jrunc.container.init;

import dev.jrunc.spec.NamespaceType;
import dev.jrunc.sys.Namespaces;

/** Kernel facts about each namespace type: its clone flag, its /proc/PID/ns name, its join order. */
public final class NamespaceKinds {
    private NamespaceKinds() {
    }

    public static int flag(NamespaceType type) {
        return switch (type) {
            case PID -> Namespaces.CLONE_NEWPID;
            case NETWORK -> Namespaces.CLONE_NEWNET;
            case MOUNT -> Namespaces.CLONE_NEWNS;
            case IPC -> Namespaces.CLONE_NEWIPC;
            case UTS -> Namespaces.CLONE_NEWUTS;
            case USER -> Namespaces.CLONE_NEWUSER;
            case CGROUP -> Namespaces.CLONE_NEWCGROUP;
            case TIME -> Namespaces.CLONE_NEWTIME;
        };
    }

    public static String procName(NamespaceType type) {
        return switch (type) {
            case PID -> "pid";
            case NETWORK -> "net";
            case MOUNT -> "mnt";
            case IPC -> "ipc";
            case UTS -> "uts";
            case USER -> "user";
            case CGROUP -> "cgroup";
            case TIME -> "time";
        };
    }

    /**
     * Where a namespace goes when several are joined: a user namespace first (it grants the
     * rights to join the rest), the mount namespace last (it changes what paths mean).
     */
    public static int joinOrder(NamespaceType type) {
        return switch (type) {
            case USER -> 0;
            case MOUNT -> 2;
            default -> 1;
        };
    }
}

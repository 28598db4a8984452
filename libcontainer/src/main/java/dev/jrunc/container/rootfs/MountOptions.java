package dev.jrunc.container.rootfs;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Mounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A spec mount's {@code options} split the way the fd-based mount API needs them: mount
 * attributes (applied with fsmount or mount_setattr), propagation, and the file system's own
 * parameters (passed to fsconfig).
 *
 * @param bind          a bind mount ("bind" or "rbind", or type "bind")
 * @param recursiveBind "rbind": submounts of the source come along
 * @param attrSet       MOUNT_ATTR_* to set on the mount itself
 * @param attrClear     MOUNT_ATTR_* to clear on the mount itself
 * @param recursiveSet  MOUNT_ATTR_* to set on the whole tree ("rro", "rnosuid", ...)
 * @param recursiveClear MOUNT_ATTR_* to clear on the whole tree
 * @param propagation   MS_SHARED/MS_SLAVE/MS_PRIVATE/MS_UNBINDABLE, or 0
 * @param recursivePropagation the propagation applies to submounts too ("rshared", ...)
 * @param data          file system parameters as key/value pairs; an empty value is a flag
 */
public record MountOptions(boolean bind, boolean recursiveBind, long attrSet, long attrClear, long recursiveSet,
                           long recursiveClear, long propagation, boolean recursivePropagation, List<String[]> data) {

    private record Flag(long attr, boolean clear) {
    }

    private static final Map<String, Flag> ATTRS = Map.ofEntries(
            Map.entry("ro", new Flag(Mounts.MOUNT_ATTR_RDONLY, false)),
            Map.entry("rw", new Flag(Mounts.MOUNT_ATTR_RDONLY, true)),
            Map.entry("nosuid", new Flag(Mounts.MOUNT_ATTR_NOSUID, false)),
            Map.entry("suid", new Flag(Mounts.MOUNT_ATTR_NOSUID, true)),
            Map.entry("nodev", new Flag(Mounts.MOUNT_ATTR_NODEV, false)),
            Map.entry("dev", new Flag(Mounts.MOUNT_ATTR_NODEV, true)),
            Map.entry("noexec", new Flag(Mounts.MOUNT_ATTR_NOEXEC, false)),
            Map.entry("exec", new Flag(Mounts.MOUNT_ATTR_NOEXEC, true)),
            Map.entry("nodiratime", new Flag(Mounts.MOUNT_ATTR_NODIRATIME, false)),
            Map.entry("diratime", new Flag(Mounts.MOUNT_ATTR_NODIRATIME, true)),
            Map.entry("nosymfollow", new Flag(Mounts.MOUNT_ATTR_NOSYMFOLLOW, false)),
            Map.entry("symfollow", new Flag(Mounts.MOUNT_ATTR_NOSYMFOLLOW, true)));

    private static final Map<String, Long> ATIME = Map.of(
            "noatime", Mounts.MOUNT_ATTR_NOATIME,
            "relatime", Mounts.MOUNT_ATTR_RELATIME,
            "strictatime", Mounts.MOUNT_ATTR_STRICTATIME);

    private static final Map<String, Long> PROPAGATION = Map.of(
            "shared", Mounts.MS_SHARED,
            "slave", Mounts.MS_SLAVE,
            "private", Mounts.MS_PRIVATE,
            "unbindable", Mounts.MS_UNBINDABLE);

    /** Options with no effect here: defaults of every mount, or legacy no-ops. */
    private static final List<String> IGNORED = List.of("defaults", "async", "norelatime", "nostrictatime",
            "atime", "auto", "noauto", "nouser", "user", "_netdev", "tmpcopyup", "loud");

    /**
     * runc's recursive atime "clear" options: the tree gets the mode that remains when the named
     * one is cleared (the kernel needs one mode whenever the atime field is cleared).
     */
    private static final Map<String, Long> RECURSIVE_ATIME_CLEAR = Map.of(
            "ratime", Mounts.MOUNT_ATTR_RELATIME,
            "rnostrictatime", Mounts.MOUNT_ATTR_RELATIME,
            "rnorelatime", Mounts.MOUNT_ATTR_STRICTATIME);

    /**
     * Parses {@code options} of the mount at {@code field} (e.g. "mounts[3].options") for a mount
     * of {@code type}.
     */
    public static MountOptions parse(String type, List<String> options, String field) {
        boolean bind = "bind".equals(type);
        boolean rbind = false;
        long set = 0;
        long clear = 0;
        long rset = 0;
        long rclear = 0;
        long propagation = 0;
        boolean recursivePropagation = false;
        List<String[]> data = new ArrayList<>();
        for (String option : options) {
            String o = option.strip();
            if (o.isEmpty() || IGNORED.contains(o)) {
                continue;
            }
            if (o.equals("bind") || o.equals("rbind")) {
                bind = true;
                rbind |= o.equals("rbind");
            } else if (ATTRS.containsKey(o)) {
                Flag f = ATTRS.get(o);
                if (f.clear()) {
                    clear |= f.attr();
                    set &= ~f.attr();
                } else {
                    set |= f.attr();
                    clear &= ~f.attr();
                }
            } else if (ATIME.containsKey(o)) {
                set = (set & ~Mounts.MOUNT_ATTR__ATIME) | ATIME.get(o);
                clear |= Mounts.MOUNT_ATTR__ATIME;
            } else if (o.startsWith("r") && ATTRS.containsKey(o.substring(1))) {
                Flag f = ATTRS.get(o.substring(1));
                if (f.clear()) {
                    rclear |= f.attr();
                } else {
                    rset |= f.attr();
                }
            } else if (RECURSIVE_ATIME_CLEAR.containsKey(o)) {
                rset = (rset & ~Mounts.MOUNT_ATTR__ATIME) | RECURSIVE_ATIME_CLEAR.get(o);
                rclear |= Mounts.MOUNT_ATTR__ATIME;
            } else if (o.startsWith("r") && ATIME.containsKey(o.substring(1))) {
                rset = (rset & ~Mounts.MOUNT_ATTR__ATIME) | ATIME.get(o.substring(1));
                rclear |= Mounts.MOUNT_ATTR__ATIME;
            } else if (PROPAGATION.containsKey(o)) {
                propagation = PROPAGATION.get(o);
                recursivePropagation = false;
            } else if (o.startsWith("r") && PROPAGATION.containsKey(o.substring(1))) {
                propagation = PROPAGATION.get(o.substring(1));
                recursivePropagation = true;
            } else if (o.equals("idmap") || o.equals("ridmap")) {
                throw new ContainerException(field + ": mount option \"" + o + "\" is not supported yet");
            } else {
                int eq = o.indexOf('=');
                data.add(eq < 0 ? new String[] {o, ""} : new String[] {o.substring(0, eq), o.substring(eq + 1)});
            }
        }
        return new MountOptions(bind, rbind, set, clear, rset, rclear, propagation, recursivePropagation, List.copyOf(data));
    }

    /**
     * The same attributes and propagation for a bind mount of an existing mount, which is what
     * stands in for a file system the kernel refuses to make (no file system parameters, and
     * not recursive, as runc's fallback).
     */
    public MountOptions asBind() {
        return new MountOptions(true, false, attrSet, attrClear, recursiveSet, recursiveClear, propagation,
                recursivePropagation, List.of());
    }

    /** Attributes for fsmount(2), which only sets: a freshly made mount has nothing to clear. */
    public long fsmountAttrs() {
        return attrSet;
    }
}

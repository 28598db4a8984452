package dev.jrunc.container.create;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code linux.mountLabel} the way runc applies it: an SELinux {@code context=} parameter on
 * every file system the init makes (tmpfs, devpts, the masked-paths tmpfs...), except proc,
 * sysfs, mqueue and cgroup2, which runc mounts without it. Bind mounts keep their source's labels.
 * The value goes to fsconfig(2) as it is: the quoting runc adds is only for the comma-separated
 * mount(2) data string.
 */
final class MountLabel {
    private static final Set<String> UNLABELLED = Set.of("proc", "sysfs", "mqueue", "cgroup", "cgroup2");

    private MountLabel() {
    }

    /** {@code params} of a mount of {@code fstype}, with the context of {@code label} (null for none). */
    static List<String[]> params(String fstype, List<String[]> params, String label) {
        if (label == null || UNLABELLED.contains(fstype)) {
            return params;
        }
        List<String[]> out = new ArrayList<>(params);
        out.add(new String[] {"context", label});
        return List.copyOf(out);
    }
}

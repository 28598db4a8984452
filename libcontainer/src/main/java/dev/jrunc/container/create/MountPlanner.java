package dev.jrunc.container.create;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.rootfs.MountOptions;
import dev.jrunc.container.rootfs.PlannedMount;
import dev.jrunc.spec.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Resolves config.json's {@code mounts} into {@link PlannedMount}s, checking what can be checked up front. */
final class MountPlanner {
    private MountPlanner() {
    }

    static List<PlannedMount> plan(List<Mount> mounts, Path bundle) {
        List<PlannedMount> out = new ArrayList<>();
        for (int i = 0; i < mounts.size(); i++) {
            Mount m = mounts.get(i);
            String field = "mounts[" + i + "]";
            if (!m.uidMappings().isEmpty() || !m.gidMappings().isEmpty()) {
                throw new ContainerException(field + ".uidMappings: id-mapped mounts are not supported yet");
            }
            String destination = m.destination().startsWith("/") ? m.destination() : "/" + m.destination();
            MountOptions options = MountOptions.parse(m.type(), m.options(), field + ".options");
            if (options.bind()) {
                if (m.source() == null || m.source().isEmpty()) {
                    throw new ContainerException(field + ".source: a bind mount needs a source");
                }
                Path source = bundle.resolve(m.source()).normalize();
                if (!Files.exists(source)) {
                    throw new ContainerException(field + ".source: " + source + ": no such file or directory");
                }
                out.add(new PlannedMount(i, destination, null, source.toString(), options, field));
            } else {
                String type = m.type() == null || m.type().isEmpty() ? null : m.type();
                if (type == null) {
                    throw new ContainerException(field + ".type: required for a mount that is not a bind mount");
                }
                // This runtime manages cgroup v2 only; a "cgroup" mount is the container's cgroup2 view.
                if (type.equals("cgroup")) {
                    type = "cgroup2";
                }
                out.add(new PlannedMount(i, destination, type, m.source(), options, field));
            }
        }
        return List.copyOf(out);
    }
}

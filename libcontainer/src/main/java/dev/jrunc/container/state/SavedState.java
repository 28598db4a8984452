package dev.jrunc.container.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the runtime remembers about one container between invocations, persisted as
 * {@code <root>/<id>/state.json}. The status is not stored: it is derived each time from the
 * init process and the cgroup (see {@link StatusProbe}), so it can never be stale.
 *
 * @param id            the container id
 * @param bundle        absolute path of the bundle directory
 * @param rootfs        absolute path of the root file system
 * @param initPid       host pid of the container's init
 * @param initStartTime field 22 of {@code /proc/<initPid>/stat}, to recognise pid reuse
 * @param created       when create finished setting up the container
 * @param owner         reported as {@code owner} by {@code state} (runc reports "")
 * @param cgroupPath    absolute directory of the container's cgroup, or null when it has none
 * @param annotations   the config's annotations (never null)
 */
public record SavedState(String id, String bundle, String rootfs, int initPid, long initStartTime,
                         Instant created, String owner, String cgroupPath, Map<String, String> annotations) {
    public SavedState {
        ContainerId.validate(id);
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(rootfs, "rootfs");
        Objects.requireNonNull(created, "created");
        owner = owner == null ? "" : owner;
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}

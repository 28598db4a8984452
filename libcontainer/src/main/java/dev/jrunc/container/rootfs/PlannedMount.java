package dev.jrunc.container.rootfs;

/**
 * One entry of {@code mounts}, resolved: {@code fstype} is what to mount (null for a bind
 * mount), {@code source} is absolute for bind mounts, {@code field} names the entry in
 * config.json for error messages.
 */
public record PlannedMount(int index, String destination, String fstype, String source, MountOptions options,
                           String field) {
    public boolean isBind() {
        return options.bind();
    }

    /** This entry as a bind mount of the host's {@code hostPath}, with the same attributes. */
    public PlannedMount boundFrom(String hostPath) {
        return new PlannedMount(index, destination, null, hostPath, options.asBind(), field);
    }
}

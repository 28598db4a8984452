package dev.jrunc.spec;

import java.time.Instant;
import java.util.Map;

/**
 * The state document {@code runc state} prints and {@code runc list --format json} lists: the
 * spec's state plus runc's {@code rootfs}, {@code created} and {@code owner}, in runc's member
 * order.
 *
 * @param ociVersion the spec version of the container's config
 * @param id the container ID
 * @param pid the init process ID on the host; runc prints 0 once the container has stopped
 * @param status the runtime status
 * @param bundle the absolute path of the bundle directory
 * @param rootfs the absolute path of the root filesystem
 * @param created when the container was created, printed in Go's RFC 3339 nano format (UTC)
 * @param annotations the config's annotations; left out of the JSON when empty
 * @param owner the owner of the state directory (runc prints an empty string)
 */
public record RuncState(
        String ociVersion,
        String id,
        int pid,
        ContainerStatus status,
        String bundle,
        String rootfs,
        Instant created,
        Map<String, String> annotations,
        String owner) {

    /** Normalises absent collections to empty immutable ones. */
    public RuncState {
        annotations = Immutable.map(annotations);
    }
}

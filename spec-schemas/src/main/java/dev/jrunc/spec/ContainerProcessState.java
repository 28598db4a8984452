package dev.jrunc.spec;

import java.util.List;

/**
 * What the runtime sends to a seccomp listener ({@code linux.seccomp.listenerPath}) along with the
 * notify file descriptor.
 *
 * @param ociVersion the spec version the document complies with
 * @param fds the names of the passed descriptors in SCM_RIGHTS order, e.g. {@code seccompFd}
 * @param pid the container process ID as the runtime sees it
 * @param metadata the config's {@code listenerMetadata}, or null
 * @param state the container's state
 */
public record ContainerProcessState(String ociVersion, List<String> fds, int pid, String metadata, State state) {

    /** The descriptor name the spec gives the seccomp notify fd. */
    public static final String SECCOMP_FD_NAME = "seccompFd";

    /** Normalises absent collections to empty immutable ones. */
    public ContainerProcessState {
        fds = Immutable.list(fds);
    }
}

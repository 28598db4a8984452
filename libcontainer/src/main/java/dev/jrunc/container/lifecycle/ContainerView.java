package dev.jrunc.container.lifecycle;

import dev.jrunc.container.state.SavedState;
import dev.jrunc.spec.ContainerStatus;

/**
 * A container as {@code state} and {@code list} report it: what was saved plus the status
 * observed now.
 *
 * @param ociVersion the {@code ociVersion} of the container's config, or null when its copy is unreadable
 */
public record ContainerView(SavedState saved, ContainerStatus status, String ociVersion) {
    /** The init's pid, or 0 once the container has stopped (as runc reports it). */
    public int pid() {
        return status == ContainerStatus.STOPPED ? 0 : saved.initPid();
    }
}

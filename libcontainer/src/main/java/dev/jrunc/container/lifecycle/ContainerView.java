package dev.jrunc.container.lifecycle;

import dev.jrunc.container.state.SavedState;
import dev.jrunc.spec.ContainerStatus;

/**
 * A container as {@code state} and {@code list} report it: what was saved plus the status
 * observed now.
 */
public record ContainerView(SavedState saved, ContainerStatus status) {
    /** The init's pid, or 0 once the container has stopped (as runc reports it). */
    public int pid() {
        return status == ContainerStatus.STOPPED ? 0 : saved.initPid();
    }
}

package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.ContainerView;
import dev.jrunc.spec.RuncState;

/** Converts a {@link ContainerView} into the state document runc prints. */
final class RuncStates {
    private RuncStates() {
    }

    /** {@code owner}: "" for {@code state}, the state directory's owner for {@code list}, as in runc. */
    static RuncState of(ContainerView view, String owner) {
        var s = view.saved();
        String version = view.ociVersion() == null ? JruncVersion.SPEC_VERSION : view.ociVersion();
        return new RuncState(version, s.id(), view.pid(), view.status(), s.bundle(), s.rootfs(), s.created(),
                s.annotations(), owner);
    }
}

package dev.jrunc.container.lifecycle;

import dev.jrunc.container.cgroup.CgroupV2Manager;
import dev.jrunc.container.state.SavedState;
import java.nio.file.Path;
import java.util.Optional;

/** The cgroup a saved container lives in, if create gave it one. */
final class ContainerCgroup {
    private ContainerCgroup() {
    }

    static Optional<CgroupV2Manager> of(SavedState state) {
        return Optional.ofNullable(state.cgroupPath()).map(dir -> CgroupV2Manager.existing(Path.of(dir)));
    }
}

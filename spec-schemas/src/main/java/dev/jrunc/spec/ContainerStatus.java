package dev.jrunc.spec;

/**
 * The runtime status of a container. {@code paused} is not in the spec, which allows runtimes to
 * add states; runc reports it for a frozen container and engines expect it.
 */
public enum ContainerStatus implements SpecNamed {
    CREATING("creating"),
    CREATED("created"),
    RUNNING("running"),
    PAUSED("paused"),
    STOPPED("stopped");

    private final String specName;

    ContainerStatus(String specName) {
        this.specName = specName;
    }

    /** The name used in state documents, e.g. {@code running}. */
    @Override
    public String specName() {
        return specName;
    }

    /** The status with this name, or null when there is none. */
    public static ContainerStatus fromSpecName(String name) {
        return SpecNamed.find(values(), name);
    }
}

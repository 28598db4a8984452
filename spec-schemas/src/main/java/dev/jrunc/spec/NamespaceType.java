package dev.jrunc.spec;

/** The Linux namespace kinds a config can ask for, each with its name in config.json. */
public enum NamespaceType implements SpecNamed {
    PID("pid"),
    NETWORK("network"),
    MOUNT("mount"),
    IPC("ipc"),
    UTS("uts"),
    USER("user"),
    CGROUP("cgroup"),
    TIME("time");

    private final String specName;

    NamespaceType(String specName) {
        this.specName = specName;
    }

    /** The name used in config.json and in the features document, e.g. {@code network}. */
    @Override
    public String specName() {
        return specName;
    }

    /** The type with this config.json name, or null when there is none. */
    public static NamespaceType fromSpecName(String name) {
        return SpecNamed.find(values(), name);
    }
}

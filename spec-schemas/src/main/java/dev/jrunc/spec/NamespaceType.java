package dev.jrunc.spec;

/** The Linux namespace kinds a config can ask for, each with its name in config.json. */
public enum NamespaceType {
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
    public String specName() {
        return specName;
    }

    /** The type with this config.json name, or null when there is none. */
    public static NamespaceType fromSpecName(String name) {
        for (NamespaceType type : values()) {
            if (type.specName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}

package dev.jrunc.spec;

/** The seccomp actions of runtime-spec v1.3.0, each with its name in config.json. */
public enum SeccompAction implements SpecNamed {
    KILL("SCMP_ACT_KILL"),
    KILL_PROCESS("SCMP_ACT_KILL_PROCESS"),
    KILL_THREAD("SCMP_ACT_KILL_THREAD"),
    TRAP("SCMP_ACT_TRAP"),
    ERRNO("SCMP_ACT_ERRNO"),
    TRACE("SCMP_ACT_TRACE"),
    ALLOW("SCMP_ACT_ALLOW"),
    LOG("SCMP_ACT_LOG"),
    NOTIFY("SCMP_ACT_NOTIFY");

    private final String specName;

    SeccompAction(String specName) {
        this.specName = specName;
    }

    /** The name used in config.json, e.g. {@code SCMP_ACT_ERRNO}. */
    @Override
    public String specName() {
        return specName;
    }

    /** The action with this config.json name, or null when there is none. */
    public static SeccompAction fromSpecName(String name) {
        return SpecNamed.find(values(), name);
    }
}

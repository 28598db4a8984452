package dev.jrunc.spec;

/** The seccomp argument comparisons of runtime-spec v1.3.0, each with its name in config.json. */
public enum SeccompOperator implements SpecNamed {
    NOT_EQUAL("SCMP_CMP_NE"),
    LESS_THAN("SCMP_CMP_LT"),
    LESS_OR_EQUAL("SCMP_CMP_LE"),
    EQUAL("SCMP_CMP_EQ"),
    GREATER_OR_EQUAL("SCMP_CMP_GE"),
    GREATER_THAN("SCMP_CMP_GT"),
    MASKED_EQUAL("SCMP_CMP_MASKED_EQ");

    private final String specName;

    SeccompOperator(String specName) {
        this.specName = specName;
    }

    /** The name used in config.json, e.g. {@code SCMP_CMP_EQ}. */
    @Override
    public String specName() {
        return specName;
    }

    /** The operator with this config.json name, or null when there is none. */
    public static SeccompOperator fromSpecName(String name) {
        return SpecNamed.find(values(), name);
    }
}

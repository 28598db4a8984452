package dev.jrunc.container.cgroup.devices;

/** The device type a rule matches: every device, block devices or character devices. */
public enum DeviceType {
    /** {@code a}: a wildcard rule, which resets the whole policy (see {@link DevicePolicy}). */
    ALL('a', 0),
    /** {@code b}. */
    BLOCK('b', 1),
    /** {@code c}. */
    CHAR('c', 2);

    private final char letter;
    private final int bpfType;

    DeviceType(char letter, int bpfType) {
        this.letter = letter;
        this.bpfType = bpfType;
    }

    /** The letter of devices.list and the runtime-spec: {@code a}, {@code b} or {@code c}. */
    public char letter() {
        return letter;
    }

    /** {@code BPF_DEVCG_DEV_BLOCK} or {@code BPF_DEVCG_DEV_CHAR}; 0 for {@link #ALL}, which has none. */
    public int bpfType() {
        return bpfType;
    }

    /** The type for a letter, or null when the letter names none. */
    public static DeviceType of(char letter) {
        for (DeviceType t : values()) {
            if (t.letter == letter) {
                return t;
            }
        }
        return null;
    }
}

package dev.jrunc.container.cgroup.devices;

/**
 * One device cgroup rule, normalised: what {@code linux.resources.devices[]} says, or one of
 * the rules runc adds to every container ({@link DeviceRules}).
 *
 * @param allow whether the rule allows or denies
 * @param type the device type; {@link DeviceType#ALL} resets the policy whatever the other fields say
 * @param major the major number (0..4294967295), or {@link #ANY}
 * @param minor the minor number (0..4294967295), or {@link #ANY}
 * @param access the accesses the rule covers: a non-empty combination of {@link #READ},
 *        {@link #WRITE} and {@link #MKNOD} (the kernel's {@code BPF_DEVCG_ACC_*} bits)
 */
public record DeviceRule(boolean allow, DeviceType type, long major, long minor, int access) {
    /** Any major or minor number (runc's -1, a null in config.json). */
    public static final long ANY = -1;
    /** {@code m}: {@code BPF_DEVCG_ACC_MKNOD}. */
    public static final int MKNOD = 1;
    /** {@code r}: {@code BPF_DEVCG_ACC_READ}. */
    public static final int READ = 2;
    /** {@code w}: {@code BPF_DEVCG_ACC_WRITE}. */
    public static final int WRITE = 4;
    /** {@code rwm}. */
    public static final int ALL_ACCESS = READ | WRITE | MKNOD;
    /** The largest device number a rule can name (the kernel's context fields are u32). */
    public static final long MAX_NUMBER = 0xffff_ffffL;

    public DeviceRule {
        if (type == null) {
            throw new IllegalArgumentException("a device rule needs a type");
        }
        checkNumber("major", major);
        checkNumber("minor", minor);
        if (access <= 0 || (access & ~ALL_ACCESS) != 0) {
            throw new IllegalArgumentException("device access must be a non-empty combination of r, w and m, got bits "
                    + access);
        }
    }

    /** A rule from letters as config.json spells them, e.g. {@code allow(CHAR, 1, 3, "rwm")}. */
    public static DeviceRule allow(DeviceType type, long major, long minor, String access) {
        return new DeviceRule(true, type, major, minor, access(access));
    }

    /** A denying rule from letters, e.g. {@code deny(ALL, ANY, ANY, "rwm")}. */
    public static DeviceRule deny(DeviceType type, long major, long minor, String access) {
        return new DeviceRule(false, type, major, minor, access(access));
    }

    /**
     * The access bits of {@code letters} (any of r, w, m, repeats allowed).
     *
     * @throws IllegalArgumentException for another letter
     */
    public static int access(String letters) {
        int bits = 0;
        for (int i = 0; i < letters.length(); i++) {
            bits |= switch (letters.charAt(i)) {
                case 'r' -> READ;
                case 'w' -> WRITE;
                case 'm' -> MKNOD;
                default -> throw new IllegalArgumentException("unknown device access '" + letters.charAt(i)
                        + "' (expected r, w or m)");
            };
        }
        return bits;
    }

    /** {@code bits} as letters in the order {@code rwm}. */
    public static String accessLetters(int bits) {
        StringBuilder sb = new StringBuilder(3);
        if ((bits & READ) != 0) {
            sb.append('r');
        }
        if ((bits & WRITE) != 0) {
            sb.append('w');
        }
        if ((bits & MKNOD) != 0) {
            sb.append('m');
        }
        return sb.toString();
    }

    /** The rule as a devices.list line followed by its verdict, e.g. {@code c 1:* rw allow}. */
    @Override
    public String toString() {
        return type.letter() + " " + number(major) + ":" + number(minor) + " " + accessLetters(access) + " "
                + (allow ? "allow" : "deny");
    }

    private static String number(long n) {
        return n == ANY ? "*" : Long.toString(n);
    }

    private static void checkNumber(String what, long n) {
        if (n != ANY && (n < 0 || n > MAX_NUMBER)) {
            throw new IllegalArgumentException("device " + what + " " + n + " is outside 0.." + MAX_NUMBER);
        }
    }
}

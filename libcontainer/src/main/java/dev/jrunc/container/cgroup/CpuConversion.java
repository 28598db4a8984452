package dev.jrunc.container.cgroup;

import dev.jrunc.spec.Cpu;

/**
 * {@code linux.resources.cpu} as runc's v2 driver writes it: {@code shares} converted to
 * cpu.weight, {@code quota}/{@code period} to cpu.max (a period alone keeps no quota, "max"),
 * {@code burst} to cpu.max.burst, {@code idle} to cpu.idle, and {@code cpus}/{@code mems} to the
 * cpuset controller's files.
 */
final class CpuConversion {
    private static final String FIELD = CgroupSettings.FIELD + ".cpu";
    /** cpu.max's period when only a quota is given, as the kernel documents it. */
    static final long DEFAULT_PERIOD = 100_000;
    private static final long MIN_SHARES = 2;
    private static final long MAX_SHARES = 262_144;
    private static final long MAX_WEIGHT = 10_000;
    // Go's math.Log2E (1/Ln2), so that the conversion rounds exactly as runc's does.
    private static final double LOG2E = 1.4426950408889634074;

    private CpuConversion() {
    }

    static void convert(Cpu cpu, SettingsBuilder b) {
        if (cpu == null) {
            return;
        }
        refuseRealtime(cpu.realtimeRuntime(), "realtimeRuntime");
        refuseRealtime(cpu.realtimePeriod(), "realtimePeriod");
        long weight = cpu.shares() == null ? 0 : weight(cpu.shares());
        long quota = cpu.quota() == null ? 0 : cpu.quota();
        long period = cpu.period() == null ? 0 : cpu.period();
        if (weight != 0 || quota != 0 || period != 0 || cpu.idle() != null || cpu.burst() != null) {
            b.need("cpu", FIELD);
        }
        if (cpu.idle() != null) {
            if (cpu.idle() != 0 && cpu.idle() != 1) {
                throw SettingsBuilder.invalid(FIELD + ".idle", cpu.idle() + " is not 0 or 1");
            }
            b.write(CgroupWrite.of(FIELD + ".idle", "cpu.idle", cpu.idle().toString())
                    .hintIfMissing("cpu.idle needs Linux 5.15 or later"));
        }
        if (weight != 0) {
            b.write(CgroupWrite.of(FIELD + ".shares", "cpu.weight", Long.toString(weight)));
        }
        if (cpu.burst() != null) {
            CgroupWrite burst = CgroupWrite.of(FIELD + ".burst", "cpu.max.burst", Long.toUnsignedString(cpu.burst()))
                    .hintIfMissing("cpu.max.burst needs Linux 5.14 or later");
            // A burst above the old quota is refused until the new quota is in place.
            b.write(quota != 0 ? burst.deferredOnInvalid() : burst);
        }
        if (quota != 0 || period != 0) {
            String max = (quota > 0 ? Long.toString(quota) : "max") + " "
                    + Long.toUnsignedString(period == 0 ? DEFAULT_PERIOD : period);
            b.write(CgroupWrite.of(FIELD + (quota != 0 ? ".quota" : ".period"), "cpu.max", max));
        }
        if (cpu.cpus() != null && !cpu.cpus().isEmpty()) {
            b.need("cpuset", FIELD + ".cpus");
            b.write(CgroupWrite.of(FIELD + ".cpus", "cpuset.cpus", cpu.cpus()));
        }
        if (cpu.mems() != null && !cpu.mems().isEmpty()) {
            b.need("cpuset", FIELD + ".mems");
            b.write(CgroupWrite.of(FIELD + ".mems", "cpuset.mems", cpu.mems()));
        }
    }

    /**
     * cgroup v1 CPU shares (2..262144, default 1024; unsigned) as cgroup v2 CPU weight (1..10000,
     * default 100), with the quadratic-in-log2 mapping runc uses since 2025, which keeps the
     * defaults, minimums and maximums matched (the older linear one mapped 1024 to 39). 0 is
     * "not set" and stays 0.
     */
    static long weight(long shares) {
        if (shares == 0) {
            return 0;
        }
        if (Long.compareUnsigned(shares, MIN_SHARES) <= 0) {
            return 1;
        }
        if (Long.compareUnsigned(shares, MAX_SHARES) >= 0) {
            return MAX_WEIGHT;
        }
        double l = log2(shares);
        double exponent = (l * l + 125 * l) / 612.0 - 7.0 / 34.0;
        return (long) Math.ceil(Math.pow(10, exponent));
    }

    /** Go's math.Log2: exact for powers of two, where a plain log(x)/log(2) is not. */
    private static double log2(long x) {
        double d = x;
        int exp = Math.getExponent(d) + 1;
        double frac = d / Math.scalb(1.0, exp);
        if (frac == 0.5) {
            return exp - 1;
        }
        return Math.log(frac) * LOG2E + exp;
    }

    private static void refuseRealtime(Long value, String name) {
        if (value != null && value != 0) {
            throw SettingsBuilder.invalid(FIELD + "." + name, "realtime CPU limits are not supported on cgroup v2 "
                    + "(it has no interface for them); remove the setting");
        }
    }
}

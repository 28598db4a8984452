package dev.jrunc.spec;

import java.util.BitSet;

/**
 * The kernel's CPU list format ({@code 0-3,7}), as {@code process.execCPUAffinity} uses it, read
 * the way runc reads it: spaces around elements and empty elements are allowed, a range runs
 * from its first to its last CPU, and CPU numbers stop at {@value #MAX_CPU}.
 */
public final class CpuList {
    /** runc's sanity limit on a CPU number, so a bogus list cannot ask for a huge mask. */
    public static final int MAX_CPU = 64 * 1024;

    private CpuList() {}

    /**
     * The CPUs {@code list} names; an empty string names none. Throws
     * {@link IllegalArgumentException} with a one-line reason for anything else.
     */
    public static BitSet parse(String list) {
        BitSet cpus = new BitSet();
        if (list.isEmpty()) {
            return cpus;
        }
        for (String element : list.split(",", -1)) {
            String e = element.strip();
            if (e.isEmpty()) {
                continue;
            }
            int dash = e.indexOf('-');
            int first = cpu(dash < 0 ? e : e.substring(0, dash), e);
            int last = dash < 0 ? first : cpu(e.substring(dash + 1), e);
            if (first > last) {
                throw new IllegalArgumentException("invalid range \"" + e + "\"");
            }
            cpus.set(first, last + 1);
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("no CPUs in \"" + list + "\"");
        }
        return cpus;
    }

    private static int cpu(String number, String element) {
        if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + element + "\" is not a CPU number or range");
        }
        String digits = number.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 6 || Integer.parseInt(digits) > MAX_CPU) {
            throw new IllegalArgumentException("CPU " + number + " is above the limit of " + MAX_CPU);
        }
        return Integer.parseInt(digits);
    }
}

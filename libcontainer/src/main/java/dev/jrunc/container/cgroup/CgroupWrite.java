package dev.jrunc.container.cgroup;

import java.util.Objects;

/**
 * One write of a value to a control file of a container's cgroup, with the config field it
 * enforces (named in errors) and what to do when the kernel lacks the file.
 *
 * @param field          the config field, e.g. {@code linux.resources.memory.limit}
 * @param file           the control file's name in the cgroup's directory, e.g. {@code memory.max}
 * @param value          what is written, in one write(2)
 * @param ifMissing      what a missing file means
 * @param fallback       the write made instead when the file is missing ({@link IfMissing#FALLBACK})
 * @param deferOnInvalid whether EINVAL is retried once after the next write succeeds (cpu.max.burst
 *                       against a new cpu.max: which of the two the kernel accepts first depends on
 *                       the old values)
 * @param missingHint    what a missing file tells about the host, for the error, or null
 */
public record CgroupWrite(String field, String file, String value, IfMissing ifMissing, CgroupWrite fallback,
                          boolean deferOnInvalid, String missingHint) {

    /** What a missing control file means. */
    public enum IfMissing {
        /** the write fails */
        FAIL,
        /** nothing to do: the kernel has no such feature and the value asks for its default */
        SKIP,
        /** {@link #fallback()} is written instead */
        FALLBACK
    }

    public CgroupWrite {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(ifMissing, "ifMissing");
        if ((ifMissing == IfMissing.FALLBACK) != (fallback != null)) {
            throw new IllegalArgumentException("a fallback goes with IfMissing.FALLBACK only");
        }
    }

    /** A write that must succeed. */
    public static CgroupWrite of(String field, String file, String value) {
        return new CgroupWrite(field, file, value, IfMissing.FAIL, null, false, null);
    }

    /** The same write, skipped when the file does not exist. */
    CgroupWrite skipIfMissing() {
        return new CgroupWrite(field, file, value, IfMissing.SKIP, null, deferOnInvalid, missingHint);
    }

    /** The same write, replaced by {@code other} when the file does not exist. */
    CgroupWrite orIfMissing(CgroupWrite other) {
        return new CgroupWrite(field, file, value, IfMissing.FALLBACK, other, deferOnInvalid, missingHint);
    }

    /** The same write, retried after the next one when the kernel says EINVAL. */
    CgroupWrite deferredOnInvalid() {
        return new CgroupWrite(field, file, value, ifMissing, fallback, true, missingHint);
    }

    /** The same write, whose failure for a missing file adds {@code hint}. */
    CgroupWrite hintIfMissing(String hint) {
        return new CgroupWrite(field, file, value, ifMissing, fallback, deferOnInvalid, hint);
    }

    /** The controller a file belongs to: the part of its name before the first dot. */
    String controller() {
        int dot = file.indexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }
}

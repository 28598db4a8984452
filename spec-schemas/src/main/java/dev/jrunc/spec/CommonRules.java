package dev.jrunc.spec;

import dev.jrunc.spec.json.Quoting;

/** Checks several rule sets share: paths, required strings, ID mappings, integer widths. */
final class CommonRules {

    static final long UINT32_MAX = 0xFFFF_FFFFL;

    private CommonRules() {}

    /** Reports a null or empty value; returns whether the value is usable. */
    static boolean requireText(String value, JsonPath at, Problems out) {
        if (value == null) {
            out.add(at, "is required");
            return false;
        }
        if (value.isEmpty()) {
            out.add(at, "must not be empty");
            return false;
        }
        return true;
    }

    static void requireAbsolute(String value, JsonPath at, Problems out) {
        if (requireText(value, at, out) && !value.startsWith("/")) {
            out.add(at, "must be an absolute path, got " + Quoting.quoteShort(value));
        }
    }

    // The reader enforces widths already; records built in code reach the validator unchecked.
    static void requireUint32(long value, JsonPath at, Problems out) {
        if (value < 0 || value > UINT32_MAX) {
            out.add(at, Problems.outOfRange(Long.toString(value), "0", Long.toString(UINT32_MAX)));
        }
    }

    static void checkIdMapping(IdMapping mapping, JsonPath at, Problems out) {
        requireUint32(mapping.containerId(), at.member("containerID"), out);
        requireUint32(mapping.hostId(), at.member("hostID"), out);
        requireUint32(mapping.size(), at.member("size"), out);
        if (mapping.size() == 0) {
            out.add(at.member("size"), "must be greater than 0");
        }
    }

    static void checkIdMappings(java.util.List<IdMapping> mappings, JsonPath at, Problems out) {
        for (int i = 0; i < mappings.size(); i++) {
            checkIdMapping(mappings.get(i), at.index(i), out);
        }
    }
}

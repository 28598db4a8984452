package dev.jrunc.spec;

import java.util.List;

/**
 * Intel Resource Director Technology settings.
 *
 * @param closId the JSON {@code closID}: the resctrl class of service, or null for the container ID
 * @param schemata lines for the resctrl {@code schemata} file; empty when absent
 * @param l3CacheSchema the L3 cache schema line, or null
 * @param memBwSchema the memory bandwidth schema line (starts with {@code MB:}), or null
 * @param enableMonitoring whether a monitoring group is created; false when absent
 */
public record IntelRdt(
        String closId, List<String> schemata, String l3CacheSchema, String memBwSchema, boolean enableMonitoring) {

    /** Normalises absent collections to empty immutable ones. */
    public IntelRdt {
        schemata = Immutable.list(schemata);
    }
}

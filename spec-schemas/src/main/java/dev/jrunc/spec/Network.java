package dev.jrunc.spec;

import java.util.List;

/**
 * net_cls and net_prio controller settings.
 *
 * @param classId the JSON {@code classID}: the net_cls class identifier (uint32), or null
 * @param priorities per-interface priorities; empty when absent
 */
public record Network(Long classId, List<InterfacePriority> priorities) {

    /** Normalises absent collections to empty immutable ones. */
    public Network {
        priorities = Immutable.list(priorities);
    }
}

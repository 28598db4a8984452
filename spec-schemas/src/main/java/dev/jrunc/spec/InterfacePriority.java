package dev.jrunc.spec;

/**
 * The net_prio priority of one interface.
 *
 * @param name the interface name in the runtime network namespace; required
 * @param priority the priority (uint32); required
 */
public record InterfacePriority(String name, long priority) {}

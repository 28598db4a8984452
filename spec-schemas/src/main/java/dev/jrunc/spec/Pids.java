package dev.jrunc.spec;

/**
 * pids controller settings.
 *
 * @param limit the maximum number of tasks, -1 for no limit, or null when not set
 */
public record Pids(Long limit) {}

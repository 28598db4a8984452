package dev.jrunc.spec;

/**
 * CPU affinity for processes started by exec, as CPU lists such as {@code 0-3,7}.
 *
 * @param initial the JSON {@code initial}: affinity while the runtime sets the process up, or null
 * @param finalAffinity the JSON {@code final}: affinity once the process is in the container's
 *     cgroup, or null
 */
public record CpuAffinity(String initial, String finalAffinity) {}

package dev.jrunc.spec;

/**
 * Which cgroup managers the runtime implements; null when not stated.
 *
 * @param v1 cgroup v1
 * @param v2 cgroup v2
 * @param systemd the system-wide systemd manager
 * @param systemdUser the user-scoped systemd manager
 * @param rdma the rdma controller
 */
public record CgroupFeatures(Boolean v1, Boolean v2, Boolean systemd, Boolean systemdUser, Boolean rdma) {}

package dev.jrunc.spec;

/**
 * Memory controller settings; null means "not set". The byte counts are int64, where -1 means
 * unlimited.
 *
 * @param limit memory usage limit in bytes
 * @param reservation soft limit in bytes
 * @param swap memory plus swap limit in bytes
 * @param kernel kernel memory limit in bytes (not recommended)
 * @param kernelTcp the JSON {@code kernelTCP}: kernel TCP buffer limit in bytes (not recommended)
 * @param swappiness vm.swappiness for the cgroup, uint64
 * @param disableOomKiller the JSON {@code disableOOMKiller}
 * @param useHierarchy whether hierarchical accounting is enabled (cgroup v1)
 * @param checkBeforeUpdate whether a new limit below current usage is refused
 */
public record Memory(
        Long limit,
        Long reservation,
        Long swap,
        Long kernel,
        Long kernelTcp,
        Long swappiness,
        Boolean disableOomKiller,
        Boolean useHierarchy,
        Boolean checkBeforeUpdate) {}

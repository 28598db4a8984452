package dev.jrunc.spec;

/**
 * A hugetlb limit.
 *
 * @param pageSize the JSON {@code pageSize}, e.g. {@code 2MB}; required
 * @param limit the limit in bytes, uint64 in a long's bits; required
 */
public record HugepageLimit(String pageSize, long limit) {}

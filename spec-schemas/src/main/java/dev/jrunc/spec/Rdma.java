package dev.jrunc.spec;

/**
 * rdma controller limits for one device; null means "not set".
 *
 * @param hcaHandles the maximum number of HCA handles (uint32)
 * @param hcaObjects the maximum number of HCA objects (uint32)
 */
public record Rdma(Long hcaHandles, Long hcaObjects) {}

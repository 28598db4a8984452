package dev.jrunc.spec;

/**
 * Intel RDT support; null when not stated.
 *
 * @param enabled whether Intel RDT is supported
 * @param schemata whether {@code linux.intelRdt.schemata} is supported
 * @param monitoring whether {@code linux.intelRdt.enableMonitoring} is supported
 */
public record IntelRdtFeatures(Boolean enabled, Boolean schemata, Boolean monitoring) {}

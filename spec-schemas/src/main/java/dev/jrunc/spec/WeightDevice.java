package dev.jrunc.spec;

/**
 * A per-device block I/O weight.
 *
 * @param major the device's major number; required
 * @param minor the device's minor number; required
 * @param weight the weight (uint16), or null
 * @param leafWeight the leaf weight (uint16), or null
 */
public record WeightDevice(long major, long minor, Integer weight, Integer leafWeight) {}

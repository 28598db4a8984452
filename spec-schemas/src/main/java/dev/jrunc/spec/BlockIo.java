package dev.jrunc.spec;

import java.util.List;

/**
 * blkio (v1) / io (v2) controller settings. Weights are uint16; null means "not set". Device
 * lists are empty when absent.
 *
 * @param weight the default weight
 * @param leafWeight the weight against the cgroup's children
 * @param weightDevice per-device weights
 * @param throttleReadBpsDevice per-device read limits in bytes per second
 * @param throttleWriteBpsDevice per-device write limits in bytes per second
 * @param throttleReadIopsDevice the JSON {@code throttleReadIOPSDevice}: per-device read IO limits
 * @param throttleWriteIopsDevice the JSON {@code throttleWriteIOPSDevice}: per-device write IO limits
 */
public record BlockIo(
        Integer weight,
        Integer leafWeight,
        List<WeightDevice> weightDevice,
        List<ThrottleDevice> throttleReadBpsDevice,
        List<ThrottleDevice> throttleWriteBpsDevice,
        List<ThrottleDevice> throttleReadIopsDevice,
        List<ThrottleDevice> throttleWriteIopsDevice) {

    /** Normalises absent collections to empty immutable ones. */
    public BlockIo {
        weightDevice = Immutable.list(weightDevice);
        throttleReadBpsDevice = Immutable.list(throttleReadBpsDevice);
        throttleWriteBpsDevice = Immutable.list(throttleWriteBpsDevice);
        throttleReadIopsDevice = Immutable.list(throttleReadIopsDevice);
        throttleWriteIopsDevice = Immutable.list(throttleWriteIopsDevice);
    }
}

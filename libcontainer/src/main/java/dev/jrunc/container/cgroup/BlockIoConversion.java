package dev.jrunc.container.cgroup;

import dev.jrunc.spec.BlockIo;
import dev.jrunc.spec.ThrottleDevice;
import dev.jrunc.spec.WeightDevice;
import java.util.List;

/**
 * {@code linux.resources.blockIO} as runc's v2 driver writes it: the weight to BFQ's
 * io.bfq.weight when the BFQ scheduler is there, else to io.weight on its 1..10000 scale;
 * per-device weights to io.bfq.weight only (nothing else takes them); the throttles as io.max
 * lines. {@code leafWeight} is cgroup v1's and ignored, as runc does.
 */
final class BlockIoConversion {
    private static final String FIELD = CgroupSettings.FIELD + ".blockIO";
    private static final int MIN_WEIGHT = 10;
    private static final int MAX_WEIGHT = 1000;

    private BlockIoConversion() {
    }

    static void convert(BlockIo io, SettingsBuilder b) {
        if (io == null) {
            return;
        }
        int weight = io.weight() == null ? 0 : io.weight();
        boolean set = weight != 0 || !io.weightDevice().isEmpty() || !io.throttleReadBpsDevice().isEmpty()
                || !io.throttleWriteBpsDevice().isEmpty() || !io.throttleReadIopsDevice().isEmpty()
                || !io.throttleWriteIopsDevice().isEmpty();
        if (!set) {
            return;
        }
        b.need("io", FIELD);
        if (weight != 0) {
            if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) {
                throw SettingsBuilder.invalid(FIELD + ".weight", weight + " is out of range ("
                        + MIN_WEIGHT + "-" + MAX_WEIGHT + ")");
            }
            b.write(CgroupWrite.of(FIELD + ".weight", "io.bfq.weight", Integer.toString(weight))
                    .orIfMissing(CgroupWrite.of(FIELD + ".weight", "io.weight", Long.toString(ioWeight(weight)))));
        }
        List<WeightDevice> devices = io.weightDevice();
        for (int i = 0; i < devices.size(); i++) {
            WeightDevice d = devices.get(i);
            if (d.weight() != null) {
                // Without BFQ there is no per-device weight file to write, and runc skips them.
                b.write(CgroupWrite.of(FIELD + ".weightDevice[" + i + "]", "io.bfq.weight",
                        d.major() + ":" + d.minor() + " " + d.weight()).skipIfMissing());
            }
        }
        throttle(b, "throttleReadBpsDevice", io.throttleReadBpsDevice(), "rbps");
        throttle(b, "throttleWriteBpsDevice", io.throttleWriteBpsDevice(), "wbps");
        throttle(b, "throttleReadIOPSDevice", io.throttleReadIopsDevice(), "riops");
        throttle(b, "throttleWriteIOPSDevice", io.throttleWriteIopsDevice(), "wiops");
    }

    /** runc's linear map of the blkio weight range 10..1000 onto io.weight's 1..10000. */
    static long ioWeight(int blkioWeight) {
        return 1 + (blkioWeight - 10L) * 9999 / 990;
    }

    private static void throttle(SettingsBuilder b, String name, List<ThrottleDevice> devices, String key) {
        for (int i = 0; i < devices.size(); i++) {
            ThrottleDevice d = devices.get(i);
            b.write(CgroupWrite.of(FIELD + "." + name + "[" + i + "]", "io.max",
                    d.major() + ":" + d.minor() + " " + key + "=" + Long.toUnsignedString(d.rate())));
        }
    }
}

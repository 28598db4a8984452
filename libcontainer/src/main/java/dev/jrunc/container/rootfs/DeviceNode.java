package dev.jrunc.container.rootfs;

import dev.jrunc.sys.Files;
import java.util.List;

/**
 * A device file to create in the container: {@code type} is c, b, p or u (u = unbuffered char),
 * {@code mode} the permission bits, {@code uid}/{@code gid} container ids.
 */
public record DeviceNode(String path, char type, int major, int minor, int mode, int uid, int gid) {

    /** The devices every container gets, as runc creates them. */
    public static final List<DeviceNode> DEFAULTS = List.of(
            new DeviceNode("/dev/null", 'c', 1, 3, 0666, 0, 0),
            new DeviceNode("/dev/zero", 'c', 1, 5, 0666, 0, 0),
            new DeviceNode("/dev/full", 'c', 1, 7, 0666, 0, 0),
            new DeviceNode("/dev/random", 'c', 1, 8, 0666, 0, 0),
            new DeviceNode("/dev/urandom", 'c', 1, 9, 0666, 0, 0),
            new DeviceNode("/dev/tty", 'c', 5, 0, 0666, 0, 0));

    /** The S_IF* file type bits for {@link #type}. */
    public int fileType() {
        return switch (type) {
            case 'b' -> Files.S_IFBLK;
            case 'p' -> Files.S_IFIFO;
            default -> Files.S_IFCHR;
        };
    }
}

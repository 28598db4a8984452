package dev.jrunc.container.cgroup.devices;

import static dev.jrunc.container.cgroup.devices.DeviceRule.ANY;
import static dev.jrunc.container.cgroup.devices.DeviceType.BLOCK;
import static dev.jrunc.container.cgroup.devices.DeviceType.CHAR;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Device;
import dev.jrunc.spec.DeviceCgroupRule;
import dev.jrunc.spec.Linux;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule list a container's device cgroup gets, built as runc's specconv builds it:
 * {@code linux.resources.devices} in order, then runc's default allowed devices, minus each
 * default whose path a {@code linux.devices} entry also names (the config's node takes
 * priority, and its access then comes only from {@code linux.resources.devices}). The
 * {@code linux.devices} entries themselves add no rule: a config that creates a node and wants
 * it usable must allow it in {@code linux.resources.devices}, as with runc.
 *
 * <p>The defaults come last, so a config cannot deny them (runc's documented, if questionable,
 * behaviour): mknod of any device, the standard nodes, {@code /dev/pts/*}, {@code /dev/ptmx}
 * and {@code /dev/net/tun}.
 */
public final class DeviceRules {
    private static final String FIELD = "linux.resources.devices";

    /** runc's specconv.AllowedDevices: a path for the defaults that are also nodes of /dev. */
    private record DefaultRule(String path, DeviceRule rule) {
    }

    private static final List<DefaultRule> DEFAULTS = List.of(
            new DefaultRule(null, DeviceRule.allow(CHAR, ANY, ANY, "m")),
            new DefaultRule(null, DeviceRule.allow(BLOCK, ANY, ANY, "m")),
            new DefaultRule("/dev/null", DeviceRule.allow(CHAR, 1, 3, "rwm")),
            new DefaultRule("/dev/random", DeviceRule.allow(CHAR, 1, 8, "rwm")),
            new DefaultRule("/dev/full", DeviceRule.allow(CHAR, 1, 7, "rwm")),
            new DefaultRule("/dev/tty", DeviceRule.allow(CHAR, 5, 0, "rwm")),
            new DefaultRule("/dev/zero", DeviceRule.allow(CHAR, 1, 5, "rwm")),
            new DefaultRule("/dev/urandom", DeviceRule.allow(CHAR, 1, 9, "rwm")),
            // /dev/pts/*
            new DefaultRule(null, DeviceRule.allow(CHAR, 136, ANY, "rwm")),
            // /dev/ptmx
            new DefaultRule(null, DeviceRule.allow(CHAR, 5, 2, "rwm")),
            // /dev/net/tun: dropped in runc 1.2.0-rc1, restored because engines relied on it.
            new DefaultRule(null, DeviceRule.allow(CHAR, 10, 200, "rwm")));

    private DeviceRules() {
    }

    /**
     * The full rule list for a container with this {@code linux} section (null: no section).
     *
     * @throws ContainerException naming the field of a rule runc would refuse
     */
    public static List<DeviceRule> forContainer(Linux linux) {
        if (linux == null) {
            return forContainer(List.of(), List.of());
        }
        return forContainer(linux.resources() == null ? List.of() : linux.resources().devices(), linux.devices());
    }

    /**
     * The full rule list for config rules {@code config} ({@code linux.resources.devices}) in a
     * container whose {@code linux.devices} are {@code nodes}.
     *
     * @throws ContainerException naming the field of a rule runc would refuse
     */
    public static List<DeviceRule> forContainer(List<DeviceCgroupRule> config, List<Device> nodes) {
        List<DeviceRule> rules = new ArrayList<>(fromConfig(config, FIELD));
        Set<String> nodePaths = new HashSet<>();
        for (Device d : nodes) {
            nodePaths.add(d.path());
        }
        for (DefaultRule d : DEFAULTS) {
            if (d.path() == null || !nodePaths.contains(d.path())) {
                rules.add(d.rule());
            }
        }
        return List.copyOf(rules);
    }

    /**
     * Config rules as given, without runc's defaults: an absent type is {@code a}, an absent
     * major or minor is any. An empty access is refused, as runc refuses it.
     *
     * @param field the JSON path of the list, for errors (e.g. {@code linux.resources.devices})
     * @throws ContainerException naming {@code field[i]} and what is wrong
     */
    public static List<DeviceRule> fromConfig(List<DeviceCgroupRule> config, String field) {
        List<DeviceRule> rules = new ArrayList<>(config.size());
        for (int i = 0; i < config.size(); i++) {
            DeviceCgroupRule c = config.get(i);
            String at = field + "[" + i + "]";
            DeviceType type = c.type() == null || c.type().isEmpty() ? DeviceType.ALL
                    : c.type().length() == 1 ? DeviceType.of(c.type().charAt(0)) : null;
            if (type == null) {
                throw new ContainerException(at + ".type: unknown device type \"" + c.type() + "\" (expected a, b or c)");
            }
            if (c.access() == null || c.access().isEmpty()) {
                throw new ContainerException(at + ".access: must not be empty (one or more of r, w, m)");
            }
            int access;
            try {
                access = DeviceRule.access(c.access());
            } catch (IllegalArgumentException e) {
                throw new ContainerException(at + ".access: " + e.getMessage());
            }
            rules.add(new DeviceRule(c.allow(), type, number(c.major(), at + ".major"), number(c.minor(), at + ".minor"),
                    access));
        }
        return List.copyOf(rules);
    }

    private static long number(Long n, String at) {
        if (n == null) {
            return ANY;
        }
        // -1 is how runc's own configs and some engines spell "any".
        if (n != ANY && (n < 0 || n > DeviceRule.MAX_NUMBER)) {
            throw new ContainerException(at + ": " + n + " is not a device number (0.." + DeviceRule.MAX_NUMBER
                    + ", or absent for any)");
        }
        return n;
    }
}

package dev.jrunc.container.cgroup.devices;

import dev.jrunc.container.ContainerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule list means: a default verdict and the exceptions to it, computed the way the
 * cgroup v1 devices controller would apply the rules one by one (runc emulates v1 for its v2
 * filter, so a config means the same on both):
 *
 * <ul>
 *   <li>a type {@code a} rule resets everything: an allowing one makes the default "allow", a
 *       denying one "deny", and forgets every exception so far (its numbers and access do not
 *       matter);</li>
 *   <li>any other rule whose verdict differs from the default adds its access to the exception
 *       for exactly its (type, major, minor);</li>
 *   <li>one whose verdict is the default removes its access from the exception for exactly its
 *       (type, major, minor), and nothing else: a wildcard rule does not remove narrower
 *       exceptions. Removing access from a narrower entry that a wildcard exception covers
 *       ("punching a hole") is refused, as runc refuses it: v1 would silently ignore it.</li>
 * </ul>
 *
 * <p>An empty list means "deny everything", v1's state after {@code a *:* rwm} is denied. A
 * request (type, major, minor, accesses) is decided as v1 decides it: with the default "deny",
 * it is allowed when one exception matches its device (a wildcard number matches any) and
 * covers all of its accesses; with the default "allow", it is denied when one exception
 * matching its device shares any of its accesses.
 *
 * @param defaultAllow the verdict without a matching exception
 * @param exceptions rules whose verdict is {@code !defaultAllow}, each for a distinct (type,
 *        major, minor), never of type {@code a}; sorted by major, minor, type as runc sorts them
 */
public record DevicePolicy(boolean defaultAllow, List<DeviceRule> exceptions) {

    public DevicePolicy {
        exceptions = List.copyOf(exceptions);
        for (DeviceRule e : exceptions) {
            if (e.allow() == defaultAllow || e.type() == DeviceType.ALL) {
                throw new IllegalArgumentException("not an exception to default "
                        + (defaultAllow ? "allow" : "deny") + ": " + e);
            }
        }
    }

    private record Device(DeviceType type, long major, long minor) {
        @Override
        public String toString() {
            return type.letter() + " " + (major == DeviceRule.ANY ? "*" : major) + ":"
                    + (minor == DeviceRule.ANY ? "*" : minor);
        }
    }

    private static final Comparator<DeviceRule> RUNC_ORDER = Comparator.comparingLong(DeviceRule::major)
            .thenComparingLong(DeviceRule::minor).thenComparing(r -> r.type().letter());

    /**
     * The policy {@code rules} (in order) produce.
     *
     * @throws ContainerException for a rule that would punch a hole in a wildcard exception
     */
    public static DevicePolicy of(List<DeviceRule> rules) {
        boolean defaultAllow = false;
        Map<Device, Integer> exceptions = new HashMap<>();
        for (DeviceRule rule : rules) {
            if (rule.type() == DeviceType.ALL) {
                defaultAllow = rule.allow();
                exceptions.clear();
                continue;
            }
            Device device = new Device(rule.type(), rule.major(), rule.minor());
            if (rule.allow() != defaultAllow) {
                exceptions.merge(device, rule.access(), (a, b) -> a | b);
                continue;
            }
            refuseHole(rule, device, exceptions, defaultAllow);
            Integer left = exceptions.computeIfPresent(device, (d, access) -> access & ~rule.access());
            if (left != null && left == 0) {
                exceptions.remove(device);
            }
        }
        List<DeviceRule> list = new ArrayList<>();
        boolean verdict = !defaultAllow;
        exceptions.forEach((d, access) -> list.add(new DeviceRule(verdict, d.type(), d.major(), d.minor(), access)));
        list.sort(RUNC_ORDER);
        return new DevicePolicy(defaultAllow, list);
    }

    private static void refuseHole(DeviceRule rule, Device device, Map<Device, Integer> exceptions,
            boolean defaultAllow) {
        List<Device> wider = List.of(new Device(device.type(), DeviceRule.ANY, device.minor()),
                new Device(device.type(), device.major(), DeviceRule.ANY),
                new Device(device.type(), DeviceRule.ANY, DeviceRule.ANY));
        for (Device w : wider) {
            Integer access = exceptions.get(w);
            if (!w.equals(device) && access != null && (access & rule.access()) != 0) {
                throw new ContainerException("linux.resources.devices: the rule \"" + rule
                        + "\" cannot take access out of the wider rule \"" + w + " "
                        + DeviceRule.accessLetters(access) + " " + (defaultAllow ? "deny" : "allow")
                        + "\" before it (cgroup v1 would ignore it; runc refuses it)");
            }
        }
    }
}

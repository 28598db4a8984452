package dev.jrunc.container.cgroup.devices;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A deliberately plain model of the cgroup v1 devices controller, for tests: a default verdict
 * and a list of exception entries, changed one rule at a time, then asked about one request.
 * Written from the kernel's documented behaviour (Documentation/admin-guide/cgroup-v1/devices)
 * and runc's refusal to punch holes, independently of {@link DevicePolicy}.
 */
final class ReferenceDeviceCgroup {
    enum Access { READ, WRITE, MKNOD }

    /** A rule the real code refuses; the model refuses the same lists. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static final class Entry {
        final char type;
        final long major;
        final long minor;
        final Set<Access> access = EnumSet.noneOf(Access.class);

        Entry(char type, long major, long minor) {
            this.type = type;
            this.major = major;
            this.minor = minor;
        }

        boolean samePattern(char t, long maj, long min) {
            return type == t && major == maj && minor == min;
        }

        /** Whether this entry's pattern matches every device the other pattern (or device) matches. */
        boolean covers(char t, long maj, long min) {
            return type == t && (major == -1 || major == maj) && (minor == -1 || minor == min);
        }
    }

    private boolean defaultAllow;
    private final List<Entry> entries = new ArrayList<>();

    /** Applies {@code rules} in order to a fresh "deny all" cgroup. */
    static ReferenceDeviceCgroup after(List<DeviceRule> rules) {
        ReferenceDeviceCgroup cg = new ReferenceDeviceCgroup();
        for (DeviceRule r : rules) {
            cg.apply(r.allow(), r.type().letter(), r.major(), r.minor(), accessSet(r.access()));
        }
        return cg;
    }

    private void apply(boolean allow, char type, long major, long minor, Set<Access> access) {
        if (type == 'a') {
            // devices.allow / devices.deny of "a": a new default, and no exceptions.
            defaultAllow = allow;
            entries.clear();
            return;
        }
        if (allow != defaultAllow) {
            Entry e = find(type, major, minor);
            if (e == null) {
                e = new Entry(type, major, minor);
                entries.add(e);
            }
            e.access.addAll(access);
            return;
        }
        for (Entry e : entries) {
            if (!e.samePattern(type, major, minor) && e.covers(type, major, minor)
                    && e.access.stream().anyMatch(access::contains)) {
                throw new Refused("hole in " + e.type + " " + e.major + ":" + e.minor);
            }
        }
        Entry e = find(type, major, minor);
        if (e != null) {
            e.access.removeAll(access);
            if (e.access.isEmpty()) {
                entries.remove(e);
            }
        }
    }

    private Entry find(char type, long major, long minor) {
        for (Entry e : entries) {
            if (e.samePattern(type, major, minor)) {
                return e;
            }
        }
        return null;
    }

    /** The kernel's verdict for one request (type 'b' or 'c', concrete numbers, non-empty access). */
    boolean allows(char type, long major, long minor, int accessBits) {
        Set<Access> wanted = accessSet(accessBits);
        if (defaultAllow) {
            // v1: denied as soon as one exception matches the device and shares an access.
            for (Entry e : entries) {
                if (e.covers(type, major, minor) && e.access.stream().anyMatch(wanted::contains)) {
                    return false;
                }
            }
            return true;
        }
        // v1: allowed only when one exception matches the device and covers every access.
        for (Entry e : entries) {
            if (e.covers(type, major, minor) && e.access.containsAll(wanted)) {
                return true;
            }
        }
        return false;
    }

    static Set<Access> accessSet(int bits) {
        Set<Access> s = EnumSet.noneOf(Access.class);
        if ((bits & DeviceRule.READ) != 0) {
            s.add(Access.READ);
        }
        if ((bits & DeviceRule.WRITE) != 0) {
            s.add(Access.WRITE);
        }
        if ((bits & DeviceRule.MKNOD) != 0) {
            s.add(Access.MKNOD);
        }
        return s;
    }
}

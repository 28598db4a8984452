package dev.jrunc.container.cgroup;

import java.util.Map;
import java.util.Set;

/**
 * {@code linux.resources.unified}: raw cgroup v2 files of the container's own cgroup and their
 * values, written last (so they win over the structured settings), a value with newlines one
 * line per write, as runc does. A key must be a file name {@code CONTROLLER.PARAMETER}; one
 * whose controller is a real one needs that controller.
 */
final class UnifiedConversion {
    private static final String FIELD = CgroupSettings.FIELD + ".unified";
    /** The cgroup v2 controllers a unified key can belong to ("cgroup." files need none). */
    private static final Set<String> CONTROLLERS = Set.of("cpu", "cpuset", "io", "memory", "hugetlb", "pids",
            "rdma", "misc");

    private UnifiedConversion() {
    }

    static void convert(Map<String, String> unified, SettingsBuilder b) {
        for (Map.Entry<String, String> e : unified.entrySet()) {
            String key = e.getKey();
            String field = FIELD + "[\"" + key + "\"]";
            if (key.isEmpty() || key.contains("/") || key.equals(".") || key.equals("..") || key.indexOf('\0') >= 0) {
                throw SettingsBuilder.invalid(field, "must be a file name of the container's cgroup (no slashes)");
            }
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw SettingsBuilder.invalid(field, "must be in the form CONTROLLER.PARAMETER");
            }
            String controller = key.substring(0, dot);
            if (CONTROLLERS.contains(controller)) {
                b.need(controller, field);
            }
            writeByLine(b, field, key, e.getValue());
        }
    }

    private static void writeByLine(SettingsBuilder b, String field, String key, String value) {
        if (value.indexOf('\n') < 0) {
            b.write(CgroupWrite.of(field, key, value));
            return;
        }
        int start = 0;
        while (start < value.length()) {
            int end = value.indexOf('\n', start);
            String line = end < 0 ? value.substring(start) : value.substring(start, end + 1);
            b.write(CgroupWrite.of(field, key, line));
            start = end < 0 ? value.length() : end + 1;
        }
    }
}

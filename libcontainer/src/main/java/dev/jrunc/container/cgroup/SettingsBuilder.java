package dev.jrunc.container.cgroup;

import dev.jrunc.container.ContainerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects {@link CgroupSettings} while the resources are converted, one area after another. */
final class SettingsBuilder {
    private final Map<String, ControllerUse> controllers = new LinkedHashMap<>();
    private final List<CgroupWrite> writes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** Records that {@code field} needs {@code controller}; the first field to need it is the one named. */
    void need(String controller, String field) {
        controllers.putIfAbsent(controller, new ControllerUse(controller, field));
    }

    void write(CgroupWrite write) {
        writes.add(write);
    }

    void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    CgroupSettings build() {
        return new CgroupSettings(List.copyOf(controllers.values()), writes, warnings);
    }

    /** The failure for a bad value of {@code field}. */
    static ContainerException invalid(String field, String problem) {
        return new ContainerException(field + ": " + problem);
    }

    /**
     * runc's spelling of a limit for cgroup v2 files: -1 is "max" (what cgroup v1 took for "no
     * limit"), 0 means "not set" and gives null.
     */
    static String limit(long value) {
        if (value == 0) {
            return null;
        }
        return value == -1 ? "max" : Long.toString(value);
    }
}

package dev.jrunc.container.cgroup;

/**
 * A cgroup v2 controller that settings need, with the first config field that needs it (named
 * when the controller is missing).
 *
 * @param controller e.g. {@code memory}
 * @param field      e.g. {@code linux.resources.memory}
 */
public record ControllerUse(String controller, String field) {
}

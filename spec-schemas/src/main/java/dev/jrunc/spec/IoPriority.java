package dev.jrunc.spec;

/**
 * The I/O priority of the container's processes (JSON {@code {"class":..., "priority":...}}).
 *
 * @param ioClass the JSON {@code class}: IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE; required
 * @param priority the level within the class, 0 (highest) to 7; 0 when absent
 */
public record IoPriority(String ioClass, int priority) {}

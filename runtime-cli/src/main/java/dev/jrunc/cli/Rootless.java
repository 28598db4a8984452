package dev.jrunc.cli;

/** The values runc's {@code --rootless} accepts. */
enum Rootless {
    AUTO,
    TRUE,
    FALSE
}

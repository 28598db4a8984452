package dev.jrunc.cli;

/** The {@code --format} values of {@code list} and {@code ps}. */
enum OutputFormat {
    TABLE,
    JSON
}

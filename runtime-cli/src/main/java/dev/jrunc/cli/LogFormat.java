package dev.jrunc.cli;

/** The {@code --log-format} values, as runc names them. */
enum LogFormat {
    TEXT,
    JSON
}

package dev.jrunc.spec;

/**
 * A terminal size in characters. Both values are read as 0..65535, the range of the kernel's
 * {@code struct winsize}.
 *
 * @param height rows; required
 * @param width columns; required
 */
public record ConsoleSize(int height, int width) {}

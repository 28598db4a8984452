package dev.jrunc.it.harness;

import java.nio.charset.StandardCharsets;

/** What an external command gets on stdin. */
public sealed interface CommandInput {

    /** /dev/null. */
    record None() implements CommandInput {
    }

    /** These bytes, then end of file. */
    record Bytes(byte[] bytes) implements CommandInput {
    }

    /**
     * A pipe that stays open, with nothing written, until the command exits. A program relaying
     * its stdin to a terminal (script(1)) must not see end of file, which it would pass on to the
     * terminal as an EOF character while the command still runs.
     */
    record HeldOpen() implements CommandInput {
    }

    static CommandInput none() {
        return new None();
    }

    static CommandInput text(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static CommandInput heldOpen() {
        return new HeldOpen();
    }
}

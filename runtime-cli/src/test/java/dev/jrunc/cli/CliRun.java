package dev.jrunc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One in-process run of the CLI with captured output and a fixed clock. */
record CliRun(int exitCode, String out, String err) {
    static final OffsetDateTime NOW = OffsetDateTime.of(2024, 5, 1, 12, 20, 30, 123_000_000, ZoneOffset.ofHours(2));

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> NOW);
        return new CliRun(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

package dev.jrunc.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs external commands to completion with a timeout, stdin from /dev/null unless told
 * otherwise.
 *
 * <p>stdout and stderr go to files rather than pipes: a container init created by the command
 * inherits them and outlives it, so reading a pipe to its end would wait for the container.
 */
public final class CommandRunner {

    private final Path outputDirectory;
    private final AtomicInteger sequence = new AtomicInteger();

    /** Captured output goes to numbered files in {@code outputDirectory}. */
    public CommandRunner(Path outputDirectory) {
        this.outputDirectory = outputDirectory;
    }

    /** Runs {@code command} in {@code workingDirectory}; kills it and its descendants after {@code timeout}. */
    public CommandResult run(List<String> command, Path workingDirectory, Duration timeout) {
        return run(command, workingDirectory, timeout, Map.of(), CommandInput.none());
    }

    /**
     * Like {@link #run(List, Path, Duration)}, with {@code environment} added to this JVM's
     * and {@code input} on stdin.
     */
    public CommandResult run(List<String> command, Path workingDirectory, Duration timeout,
            Map<String, String> environment, CommandInput input) {
        int n = sequence.incrementAndGet();
        String stem = "%03d-%s".formatted(n, Path.of(command.getFirst()).getFileName());
        File stdout = outputDirectory.resolve(stem + ".stdout").toFile();
        File stderr = outputDirectory.resolve(stem + ".stderr").toFile();
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectOutput(stdout)
                    .redirectError(stderr);
            builder.environment().putAll(environment);
            if (input instanceof CommandInput.None) {
                builder.redirectInput(new File("/dev/null"));
            }
            Process process = builder.start();
            if (input instanceof CommandInput.Bytes(byte[] bytes)) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(bytes);
                } catch (IOException e) {
                    // The command exited without reading all of it; its result tells the rest.
                }
            }
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (input instanceof CommandInput.HeldOpen) {
                process.getOutputStream().close();
            }
            if (!exited) {
                killTree(process.toHandle());
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return new CommandResult(List.copyOf(command), exited ? process.exitValue() : -1, read(stdout),
                    read(stderr), !exited, stdout.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    private static String read(File file) throws IOException {
        return new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
    }
}

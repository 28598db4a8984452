package dev.jrunc.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runtime binary as an engine drives it: every call gets {@code --root STATE --log FILE
 * --log-format json} before the subcommand, as containerd's shim sends them. The state root is
 * per test ({@code /run/jrunc-it-*}) and is not created beforehand: the runtime must create it.
 *
 * <p>{@link #close()} force-deletes every container id handed out by {@link #newContainerId()},
 * removes cgroups a runtime left under those names, and removes the state root.
 */
public final class RuntimeUnderTest implements AutoCloseable {

    /** Long enough for a JVM-based runtime on a loaded 2-core machine. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final Path binary;
    private final Path stateRoot;
    private final Path logFile;
    private final Path workingDirectory;
    private final CommandRunner runner;
    private final Set<String> containerIds = new LinkedHashSet<>();

    /** A runtime whose log, pid files and captured output live in {@code workspace}. */
    public RuntimeUnderTest(Path binary, Workspace workspace) {
        this.binary = binary;
        this.stateRoot = Path.of("/run", Workspace.uniqueName());
        this.logFile = workspace.path("runtime-log.json");
        this.workingDirectory = workspace.directory();
        this.runner = new CommandRunner(workspace.newDirectory("output"));
    }

    public Path stateRoot() {
        return stateRoot;
    }

    /**
     * The command line {@link #invoke} would run, for tests that must drive the process
     * themselves (e.g. kill it half way).
     */
    public List<String> commandLine(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--root", stateRoot.toString(),
                "--log", logFile.toString(), "--log-format", "json"));
        command.addAll(Arrays.asList(args));
        return command;
    }

    public Path logFile() {
        return logFile;
    }

    /** A fresh container id ({@code jrunc-it-*}) that {@link #close()} will force-delete. */
    public String newContainerId() {
        String id = Workspace.uniqueName();
        containerIds.add(id);
        return id;
    }

    /** Runs the runtime with the global flags and then {@code args}, in the workspace directory. */
    public RuntimeResult invoke(String... args) {
        return invokeIn(workingDirectory, args);
    }

    /** Like {@link #invoke} with another working directory (containerd runs create in the bundle). */
    public RuntimeResult invokeIn(Path cwd, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--root", stateRoot.toString(),
                "--log", logFile.toString(), "--log-format", "json"));
        command.addAll(Arrays.asList(args));
        long logOffset = logSize();
        CommandResult result = runner.run(command, cwd, CALL_TIMEOUT);
        return new RuntimeResult(result, logLinesFrom(logOffset));
    }

    /**
     * Like {@link #invoke}, with {@code fd3Source} open for reading as the runtime's descriptor 3
     * (Java cannot pass extra descriptors, so a shell opens it and execs the runtime).
     */
    public RuntimeResult invokeWithFd3(Path fd3Source, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "exec 3<\"$1\"; shift; exec \"$@\"",
                "bash", fd3Source.toString(), binary.toString(), "--root", stateRoot.toString(),
                "--log", logFile.toString(), "--log-format", "json"));
        command.addAll(Arrays.asList(args));
        long logOffset = logSize();
        CommandResult result = runner.run(command, workingDirectory, CALL_TIMEOUT);
        return new RuntimeResult(result, logLinesFrom(logOffset));
    }

    /**
     * Like {@link #invoke}, with {@code signals} (names such as {@code USR1}) ignored in the
     * runtime's process, as a caller may leave them: a shell traps them to SIG_IGN and execs the
     * runtime, which inherits that.
     */
    public RuntimeResult invokeIgnoring(List<String> signals, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "trap '' " + String.join(" ", signals)
                + "; exec \"$@\"", "bash", binary.toString(), "--root", stateRoot.toString(),
                "--log", logFile.toString(), "--log-format", "json"));
        command.addAll(Arrays.asList(args));
        long logOffset = logSize();
        CommandResult result = runner.run(command, workingDirectory, CALL_TIMEOUT);
        return new RuntimeResult(result, logLinesFrom(logOffset));
    }

    /** {@code create --bundle B --pid-file P ID}, run in the bundle directory like containerd does. */
    public RuntimeResult create(String id, TestBundle bundle, Path pidFile) {
        Path dir = bundle.write();
        return invokeIn(dir, "create", "--bundle", dir.toString(), "--pid-file", pidFile.toString(), id);
    }

    /** {@code create} that must succeed; the init is then reaped by {@link ChildReaper} when it exits. */
    public long createSuccessfully(String id, TestBundle bundle, Path pidFile) {
        RuntimeResult result = create(id, bundle, pidFile);
        assertEquals(0, result.exitCode(), () -> "create failed:\n" + result.describe());
        // Strict pid-file checks belong to the lifecycle test; elsewhere only the number matters.
        long pid = Long.parseLong(readPidFile(pidFile).strip());
        ChildReaper.instance().watch(pid);
        return pid;
    }

    public RuntimeResult start(String id) {
        return invoke("start", id);
    }

    /** {@code run --bundle B [flags] ID}: in the foreground it returns the container's exit code. */
    public RuntimeResult run(String id, TestBundle bundle, String... flags) {
        Path dir = bundle.write();
        List<String> args = new ArrayList<>(List.of("run", "--bundle", dir.toString()));
        args.addAll(Arrays.asList(flags));
        args.add(id);
        return invoke(args.toArray(String[]::new));
    }

    public RuntimeResult kill(String id, String signal) {
        return invoke("kill", id, signal);
    }

    public RuntimeResult killAll(String id, String signal) {
        return invoke("kill", "--all", id, signal);
    }

    public RuntimeResult delete(String id) {
        return invoke("delete", id);
    }

    public RuntimeResult deleteForce(String id) {
        return invoke("delete", "--force", id);
    }

    public RuntimeResult state(String id) {
        return invoke("state", id);
    }

    /** {@code state ID}, which must succeed and print a JSON object. */
    public ContainerState stateOf(String id) {
        RuntimeResult result = state(id);
        assertEquals(0, result.exitCode(), () -> "state failed:\n" + result.describe());
        return ContainerState.from(parseJson(result));
    }

    /** Polls {@code state} until the status is {@code status}; fails after {@code timeout}. */
    public ContainerState awaitStatus(String id, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ContainerState state = stateOf(id);
        while (!status.equals(state.status())) {
            if (System.nanoTime() > deadline) {
                fail("container " + id + " still " + state.status() + " after " + timeout + ", expected " + status);
            }
            sleep(POLL_INTERVAL);
            state = stateOf(id);
        }
        return state;
    }

    /** Parses stdout as JSON, failing with the whole result when it is not. */
    public static JsonNode parseJson(RuntimeResult result) {
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            return fail("stdout is not JSON:\n" + result.describe(), e);
        }
    }

    /** The content of a pid file, which must exist. */
    public static String readPidFile(Path pidFile) {
        try {
            return Files.readString(pidFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return fail("cannot read pid file " + pidFile, e);
        }
    }

    @Override
    public void close() {
        for (String id : containerIds) {
            invoke("delete", "--force", id);
            Leftovers.removeCgroupsNamed(id);
        }
        FileTrees.remove(stateRoot);
    }

    private long logSize() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> logLinesFrom(long offset) {
        if (!Files.exists(logFile)) {
            return List.of();
        }
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

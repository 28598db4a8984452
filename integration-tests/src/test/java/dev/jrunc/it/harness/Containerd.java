package dev.jrunc.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private containerd for the engine tests: its own config, root, state directory and sockets in
 * a {@code /tmp/jrunc-it-*} directory, and its own namespace ({@code jrunc-it-*}), so it never
 * meets another containerd on the machine. The test image is imported when it starts.
 *
 * <p>Containers run with the runc v2 shim and {@code --runc-binary} set to the runtime under test.
 * The shim keeps the runtime's state under its default root, /run/containerd/runc/NAMESPACE,
 * which {@link #close()} removes along with everything else: tasks and containers, the daemon
 * (stopped by PID), shims still alive, mounts left below the directory, the namespace's cgroups,
 * and the directories under /run/containerd the shim created.
 */
public final class Containerd implements AutoCloseable {

    /** A ctr call: an image import or a foreground run on a loaded 2-core machine with a JVM runtime. */
    public static final Duration CTR_TIMEOUT = Duration.ofMinutes(2);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Path SHIM_RUNC_ROOT = Path.of("/run/containerd/runc");
    private static final List<Path> SHIM_DIRECTORIES = List.of(Path.of("/run/containerd"), Path.of("/run/containerd/s"),
            SHIM_RUNC_ROOT, Path.of("/run/containerd/fifo"));

    private final Workspace workspace;
    private final String namespace;
    private final Path runtime;
    private final Path socket;
    private final Path fifoDirectory;
    private final CommandRunner runner;
    private final EngineOrphans orphans;
    private final EngineDirectories shimDirectories;
    private Process daemon;

    private Containerd(Workspace workspace, Path runtime) {
        this.workspace = workspace;
        this.namespace = Workspace.uniqueName();
        this.runtime = runtime;
        this.socket = workspace.path("containerd.sock");
        this.fifoDirectory = workspace.newDirectory("fifo");
        this.runner = new CommandRunner(workspace.newDirectory("output"));
        this.orphans = new EngineOrphans(socket.toString());
        this.shimDirectories = EngineDirectories.noteAbsent(SHIM_DIRECTORIES);
    }

    /**
     * Starts containerd (skipping the test if containerd, ctr or the runc v2 shim is missing) and
     * imports the test image; containers will use {@code runtime}.
     */
    public static Containerd start(Path runtime) {
        Path containerd = HostTools.require("containerd", "containerd");
        HostTools.require("ctr", "containerd");
        HostTools.require("containerd-shim-runc-v2", "containerd");
        // The shims daemonize; as this JVM's orphans they must be reaped here.
        ChildReaper.instance();
        Containerd engine = new Containerd(Workspace.create(), runtime);
        try {
            engine.launch(containerd);
            CommandResult load = engine.ctr("images", "import", TestImage.get().archive().toString());
            assertEquals(0, load.exitCode(), load::describe);
            return engine;
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
    }

    /** The containerd namespace of the tests' containers. */
    public String namespace() {
        return namespace;
    }

    /** Where the shim keeps the runtime's state: the runtime's {@code --root}. */
    public Path runtimeRoot() {
        return SHIM_RUNC_ROOT.resolve(namespace);
    }

    /**
     * The {@code ctr run} flags every test container needs: the runtime under test, and the
     * client's stdio fifos in this engine's directory rather than /run/containerd/fifo.
     */
    public List<String> runtimeFlags() {
        return List.of("--runc-binary", runtime.toString(), "--fifo-dir", fifoDirectory.toString());
    }

    /**
     * {@code ctr tasks exec --fifo-dir DIR ARGS}: the client's stdio fifos in this engine's
     * directory (a detached or failed exec leaves them behind).
     */
    public CommandResult exec(String... args) {
        return ctr(CommandInput.none(), execArgs(Arrays.asList(args)));
    }

    /** The arguments of {@link #exec}, for {@link #ctrOnTerminal}. */
    public List<String> execArgs(List<String> args) {
        List<String> all = new ArrayList<>(List.of("tasks", "exec", "--fifo-dir", fifoDirectory.toString()));
        all.addAll(args);
        return all;
    }

    /** {@code ctr --address SOCKET --namespace NS ARGS}, stdin from /dev/null. */
    public CommandResult ctr(String... args) {
        return ctr(CommandInput.none(), Arrays.asList(args));
    }

    /** {@code ctr ... ARGS} with {@code input} on stdin. */
    public CommandResult ctr(CommandInput input, List<String> args) {
        CommandResult result = runner.run(ctrCommand(args), workspace.directory(), CTR_TIMEOUT, Map.of(), input);
        orphans.adopt();
        return result;
    }

    /** {@code ctr ... ARGS} on a pseudo terminal, for {@code -t}. */
    public CommandResult ctrOnTerminal(List<String> args) {
        CommandResult result = runner.run(PseudoTerminal.commandLine("", ctrCommand(args)), workspace.directory(),
                CTR_TIMEOUT, Map.of(), CommandInput.heldOpen());
        orphans.adopt();
        return result;
    }

    private List<String> ctrCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of("ctr", "--address", socket.toString(), "--namespace", namespace));
        command.addAll(args);
        return command;
    }

    private void launch(Path containerd) {
        Path config = workspace.path("config.toml");
        String toml = """
                version = 2
                root = "%1$s/root"
                state = "%1$s/state"
                # Only what ctr needs: no CRI plugin (it would set up CNI and its own sandboxes).
                disabled_plugins = ["io.containerd.grpc.v1.cri"]
                [grpc]
                  address = "%2$s"
                [ttrpc]
                  address = "%2$s.ttrpc"
                [plugins."io.containerd.internal.v1.opt"]
                  path = "%1$s/opt"
                """.formatted(workspace.directory(), socket);
        try {
            Files.writeString(config, toml);
            File log = workspace.path("containerd.log").toFile();
            daemon = new ProcessBuilder(containerd.toString(), "--config", config.toString())
                    .directory(workspace.directory().toFile())
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(log)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!daemon.isAlive()) {
                throw new IllegalStateException("containerd exited with " + daemon.exitValue() + ":\n" + log());
            }
            if (Files.exists(socket) && runner.run(ctrCommand(List.of("version")), workspace.directory(),
                    CTR_TIMEOUT).exitCode() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("containerd did not serve " + socket + " within " + START_TIMEOUT
                        + ":\n" + log());
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /** containerd's own log, for failure messages. */
    public String log() {
        try {
            return Files.readString(workspace.path("containerd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (daemon != null && daemon.isAlive()) {
                removeTasksAndContainers();
                daemon.destroy();
                if (!daemon.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    daemon.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            orphans.endAll(STOP_TIMEOUT);
            EngineDirectories.unmountBelow(workspace.directory(), runner);
            FileTrees.remove(runtimeRoot());
            Leftovers.removeCgroupTreesNamed(namespace);
            shimDirectories.removeCreated(List.of());
            workspace.close();
        }
    }

    private void removeTasksAndContainers() {
        for (String task : ctr("tasks", "list", "--quiet").stdout().lines().filter(l -> !l.isBlank()).toList()) {
            ctr("tasks", "delete", "--force", task.strip());
        }
        for (String container : ctr("containers", "list", "--quiet").stdout().lines().filter(l -> !l.isBlank())
                .toList()) {
            ctr("containers", "delete", container.strip());
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

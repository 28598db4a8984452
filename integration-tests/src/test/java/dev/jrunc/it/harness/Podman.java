package dev.jrunc.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A private podman for the engine tests: containers.conf, storage.conf and registries.conf of its
 * own, its storage (vfs, so nothing is mounted), run root, libpod tmp dir, volumes, network
 * configs, file locks and event log in a {@code /tmp/jrunc-it-*} directory, with the cgroupfs
 * manager and no network. Every call names the runtime under test with {@code --runtime}. The
 * test image is loaded when it starts.
 *
 * <p>Two settings of containers.conf stand in for podman's defaults, for reasons of this branch
 * and this machine, not of podman's contract; {@code PodmanTest} checks the defaults themselves
 * where they can work:
 * <ul>
 * <li>{@code pids_limit = 0}: podman's default {@code linux.resources.pids.limit} 2048 is a
 *     resource limit, which jrunc refuses until its cgroup v2 limits land, and which needs a
 *     pids controller on cgroup2 (the hybrid development hosts have none).
 * <li>{@code default_ulimits}: as root, podman asks for RLIMIT_NOFILE and RLIMIT_NPROC of 1048576,
 *     above the hard limits here; raising them needs CAP_SYS_RESOURCE, which the development
 *     hosts' root lacks (runc fails the same way: "error setting rlimit type 7").
 * </ul>
 * {@link #close()} removes every container (so their runtime state, which lives in the runtime's
 * default root, goes too), ends conmons still alive by PID, removes the cgroup parent
 * ({@code /jrunc-it-*}), and the directories podman creates outside (its blob info cache).
 */
public final class Podman implements AutoCloseable {

    /** A podman call on a loaded 2-core machine with a JVM runtime (a stop waits for its timeout). */
    public static final Duration PODMAN_TIMEOUT = Duration.ofMinutes(2);

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final List<Path> OUTSIDE_DIRECTORIES = List.of(Path.of("/var/lib/containers"),
            Path.of("/var/lib/containers/cache"));
    private static final String BLOB_INFO_CACHE = "blob-info-cache-v1.boltdb";

    private final Workspace workspace;
    private final Path runtime;
    private final String cgroupParent;
    private final CommandRunner runner;
    private final EngineOrphans orphans;
    private final EngineDirectories outside;
    private final Map<String, String> environment;

    private Podman(Workspace workspace, Path runtime) {
        this.workspace = workspace;
        this.runtime = runtime;
        this.cgroupParent = Workspace.uniqueName();
        this.runner = new CommandRunner(workspace.newDirectory("output"));
        this.orphans = new EngineOrphans(workspace.directory().toString());
        this.outside = EngineDirectories.noteAbsent(OUTSIDE_DIRECTORIES);
        this.environment = Map.of(
                "CONTAINERS_CONF", workspace.path("containers.conf").toString(),
                "CONTAINERS_STORAGE_CONF", workspace.path("storage.conf").toString(),
                "CONTAINERS_REGISTRIES_CONF", workspace.path("registries.conf").toString());
    }

    /** Writes the configuration and loads the test image; skips the test if podman or conmon is missing. */
    public static Podman start(Path runtime) {
        HostTools.require("podman", "podman");
        HostTools.require("conmon", "conmon");
        // conmon daemonizes; as this JVM's orphan it must be reaped here.
        ChildReaper.instance();
        Podman engine = new Podman(Workspace.create(), runtime);
        try {
            engine.configure();
            CommandResult load = engine.podman("load", "--input", TestImage.get().archive().toString());
            assertEquals(0, load.exitCode(), load::describe);
            return engine;
        } catch (RuntimeException | Error e) {
            engine.close();
            throw e;
        }
    }

    /** The cgroup parent to give containers ({@code --cgroup-parent}), so their cgroups are ours. */
    public String cgroupParent() {
        return "/" + cgroupParent;
    }

    /** A path in this podman's directory for a test's own files (e.g. a --cidfile); nothing is created. */
    public Path scratchPath(String name) {
        return workspace.path(name);
    }

    /**
     * The runtime under test run with no global flags, as podman runs it: its state is in the
     * runtime's default root.
     */
    public CommandResult runtime(String... args) {
        List<String> command = new ArrayList<>(List.of(runtime.toString()));
        command.addAll(Arrays.asList(args));
        return runner.run(command, workspace.directory(), PODMAN_TIMEOUT);
    }

    /** {@code podman GLOBAL-FLAGS ARGS}, stdin from /dev/null. */
    public CommandResult podman(String... args) {
        return podman(CommandInput.none(), Arrays.asList(args));
    }

    /** {@code podman GLOBAL-FLAGS ARGS}, stdin from /dev/null. */
    public CommandResult podman(List<String> args) {
        return podman(CommandInput.none(), args);
    }

    /** {@code podman GLOBAL-FLAGS ARGS} with {@code input} on stdin. */
    public CommandResult podman(CommandInput input, List<String> args) {
        CommandResult result = runner.run(command(args), workspace.directory(), PODMAN_TIMEOUT, environment, input);
        orphans.adopt();
        return result;
    }

    /** {@code podman ... ARGS} on a pseudo terminal with the given size, for {@code -t}. */
    public CommandResult podmanOnTerminal(int rows, int columns, List<String> args) {
        CommandResult result = runner.run(PseudoTerminal.commandLine("stty rows " + rows + " cols " + columns,
                command(args)), workspace.directory(), PODMAN_TIMEOUT, environment, CommandInput.heldOpen());
        orphans.adopt();
        return result;
    }

    private List<String> command(List<String> args) {
        Path dir = workspace.directory();
        List<String> command = new ArrayList<>(List.of("podman",
                "--root", dir.resolve("storage").toString(),
                "--runroot", dir.resolve("run").toString(),
                "--storage-driver", "vfs",
                "--tmpdir", dir.resolve("libpod-tmp").toString(),
                "--cgroup-manager", "cgroupfs",
                "--events-backend", "file",
                "--runtime", runtime.toString()));
        command.addAll(args);
        return command;
    }

    private void configure() {
        Path dir = workspace.directory();
        String containersConf = """
                [containers]
                netns = "none"
                # Stand-ins for podman's defaults; see the Podman class comment.
                pids_limit = 0
                default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
                [network]
                network_config_dir = "%1$s/network"
                [engine]
                lock_type = "file"
                events_logfile_path = "%1$s/events.log"
                static_dir = "%1$s/storage/libpod"
                volume_path = "%1$s/volumes"
                """.formatted(dir);
        String storageConf = """
                [storage]
                driver = "vfs"
                runroot = "%1$s/run"
                graphroot = "%1$s/storage"
                """.formatted(dir);
        try {
            Files.writeString(workspace.path("containers.conf"), containersConf);
            Files.writeString(workspace.path("storage.conf"), storageConf);
            // No registries: the image comes from a local archive.
            Files.writeString(workspace.path("registries.conf"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            podman("rm", "--all", "--force", "--time", "0");
        } finally {
            orphans.endAll(STOP_GRACE);
            EngineDirectories.unmountBelow(workspace.directory(), runner);
            Leftovers.removeCgroupTreesNamed(cgroupParent);
            outside.removeCreated(List.of(BLOB_INFO_CACHE));
            workspace.close();
        }
    }
}

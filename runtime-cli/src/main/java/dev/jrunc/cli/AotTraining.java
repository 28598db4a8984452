package dev.jrunc.cli;

import dev.jrunc.container.state.ProcStat;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.spec.SpecReader;
import dev.jrunc.spec.SpecValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The training run of the AOT cache that {@code bin/jrunc} starts the runtime with (JEP 483 and
 * 514). The build runs it once through {@code bin/jrunc --aot-training}, with exactly the class
 * path and JVM flags of a normal start plus {@code -XX:AOTCacheOutput}; the classes it loads and
 * links, and the method profiles it makes, are what every later start of the runtime finds ready.
 *
 * <p>It goes through what every command does at start (picocli building the command model and
 * parsing, the global options, {@code --log} in both formats, the one-line error path) and the
 * real code of each command as far as it can go without root and without making a container or
 * touching anything outside a temporary directory: config.json and process.json are read and
 * validated up to the point where {@code create} and {@code exec} refuse them (a terminal without
 * a console socket, a container that does not exist), and {@code state}, {@code list},
 * {@code start}, {@code kill} and {@code delete} run against state saved through
 * {@link StateStore} in a temporary root, whose "init" is a {@code sleep} this program starts and
 * kills (see {@link #savedContainers}); {@code spec} writes into the temporary directory and
 * {@code features} only reads the host. Finally every class of the runtime's own jars is initialised, so the paths it cannot run
 * (the namespace helper, the rootfs, cgroups) still find their classes linked in the cache.
 *
 * <p>Nothing it prints reaches the build log except one summary line on stderr; a step that fails
 * unexpectedly is reported there and the training goes on, since a thinner cache is only slower.
 */
public final class AotTraining {
    private static final String CONFIG = "aot-training-config.json";
    private static final String PROCESS = "aot-training-process.json";

    private final Path dir;
    private final Path root;
    private final Path logJson;
    private final Path logText;
    private final PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    private final List<String> problems = new ArrayList<>();
    private int commands;

    private AotTraining(Path dir) {
        this.dir = dir;
        this.root = dir.resolve("root");
        this.logJson = dir.resolve("log.json");
        this.logText = dir.resolve("log.txt");
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("jrunc-aot-training-");
        AotTraining training = new AotTraining(dir);
        try {
            training.run();
        } finally {
            deleteTree(dir);
        }
        System.err.println("jrunc AOT training: " + training.commands + " commands"
                + (training.problems.isEmpty() ? "" : "; unexpected: " + String.join("; ", training.problems)));
        // Like Main: the runtime always ends through System.exit.
        System.exit(0);
    }

    private void run() throws IOException {
        Files.createDirectories(root);
        Path bundle = terminalBundle();
        Path process = dir.resolve("process.json");
        Files.write(process, resource(PROCESS));

        // Several rounds, so the method profiles (JEP 515) see the paths more than once.
        for (int round = 0; round < 3; round++) {
            help();
            usageErrors();
            missingContainer();
            refusedCreate(bundle);
            refusedExec(process);
            savedContainers();
            specAndFeatures();
            direct();
        }
        initialiseRuntimeClasses();
    }

    // --- the command line -----------------------------------------------------------------------

    private int jrunc(String... args) {
        commands++;
        try {
            return Main.run(args, sink, sink, OffsetDateTime::now);
        } catch (RuntimeException | Error e) {
            problems.add(String.join(" ", args) + ": " + e);
            return -1;
        }
    }

    /** The global options every engine passes, then the command. */
    private String[] engine(boolean json, String... command) {
        List<String> args = new ArrayList<>(List.of("--root", root.toString(),
                "--log", (json ? logJson : logText).toString(), "--log-format", json ? "json" : "text"));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    private void help() {
        jrunc();
        jrunc("--help");
        jrunc("--version");
        jrunc("-v");
        for (String name : Subcommands.names()) {
            jrunc(name, "--help");
            jrunc(name, "-h");
        }
    }

    private void usageErrors() {
        jrunc("--root", root.toString(), "no-such-command");
        jrunc("--root", root.toString(), "--log-format", "xml", "state", "x");
        jrunc(engine(true, "state"));
        jrunc(engine(true, "state", "a", "b"));
        jrunc(engine(false, "kill", "--no-such-flag", "x"));
        jrunc(engine(true, "create", "--preserve-fds", "many", "x"));
        jrunc(engine(true, "state", "../escape"));
    }

    private void missingContainer() {
        String id = "jrunc-aot-training-missing";
        for (boolean json : new boolean[] {true, false}) {
            jrunc(engine(json, "state", id));
            jrunc(engine(json, "start", id));
            jrunc(engine(json, "kill", id, "KILL"));
            jrunc(engine(json, "kill", "--all", id, "9"));
            jrunc(engine(json, "delete", id));
            jrunc(engine(json, "pause", id));
            jrunc(engine(json, "resume", id));
            jrunc(engine(json, "ps", "--format", "json", id));
            jrunc(engine(json, "exec", id, "true"));
            jrunc(engine(json, "events", "--stats", id));
        }
        jrunc(engine(true, "delete", "--force", id));
        jrunc(engine(true, "--debug", "state", id));
        jrunc("--root", root.toString(), "--debug", "state", id);
        jrunc(engine(true, "list"));
        jrunc(engine(true, "list", "--format", "json"));
        jrunc(engine(true, "list", "-q"));
    }

    /** create and run as containerd and podman call them, refused while planning (terminal without a console socket). */
    private void refusedCreate(Path bundle) {
        String id = "jrunc-aot-training-create";
        Path pidFile = dir.resolve("create.pid");
        jrunc(engine(true, "create", "--bundle", bundle.toString(), "--pid-file", pidFile.toString(), id));
        jrunc(engine(false, "create", "--bundle", bundle.toString(), "--pid-file", pidFile.toString(),
                "--no-new-keyring", id));
        jrunc(engine(true, "run", "--detach", "--bundle", bundle.toString(), id));
        jrunc(engine(true, "--systemd-cgroup", "create", "--bundle", bundle.toString(), id));
    }

    /** exec --process as the engines call it, refused because the container does not exist. */
    private void refusedExec(Path process) {
        String id = "jrunc-aot-training-exec";
        jrunc(engine(true, "exec", "--detach", "--process", process.toString(), "--pid-file",
                dir.resolve("exec.pid").toString(), id));
        jrunc(engine(false, "exec", "--detach", "--env", "A=b", "--cwd", "/", "--user", "0:0", "--cap", "CAP_KILL", id,
                "sh", "-c", "true"));
    }

    /**
     * state, list, start, kill and delete against saved state. The init of the running and the
     * created container is a sleep started here, so whatever a command does to it (SIGKILL
     * included) stays within this program's own children; the stopped container's init is a pid
     * that cannot exist. No state has a real cgroup (the one {@code events} reads is a directory of
     * plain files here), and nothing here asks for a cgroup-wide kill or a
     * forced delete of a live container: the saved state is removed through the store itself.
     */
    private void savedContainers() {
        StateStore store = new StateStore(root);
        Process sleep = startSleep();
        String running = "jrunc-aot-training-running";
        String created = "jrunc-aot-training-created";
        String stopped = "jrunc-aot-training-stopped";
        String events = "jrunc-aot-training-events";
        try {
            save(store, stopped, Integer.MAX_VALUE, 1);
            jrunc(engine(true, "state", stopped));
            jrunc(engine(true, "start", stopped));
            jrunc(engine(true, "delete", stopped));
            if (sleep != null) {
                int pid = (int) sleep.pid();
                long start = ProcStat.read(pid).map(ProcStat::startTime).orElse(0L);
                save(store, running, pid, start);
                save(store, created, pid, start);
                // A created container's exec fifo; a plain file here, so start's write goes nowhere.
                Files.writeString(store.execFifo(created), "");
                jrunc(engine(true, "state", running));
                jrunc(engine(false, "state", created));
                jrunc(engine(true, "list"));
                jrunc(engine(true, "list", "--format", "json"));
                jrunc(engine(true, "start", running));
                jrunc(engine(true, "start", created));
                jrunc(engine(true, "delete", running));
                jrunc(engine(true, "kill", running, "0"));
                save(store, events, pid, start, fakeCgroup());
                jrunc(engine(true, "events", "--stats", events));
                // The fake cgroup is empty: following it ends at once, after setting up the watch.
                jrunc(engine(true, "events", "--interval", "10ms", events));
                jrunc(engine(true, "events", "--interval", "0", events));
                jrunc(engine(true, "kill", running, "SIGKILL"));
            }
        } catch (IOException e) {
            problems.add("saved state: " + e);
        } finally {
            if (sleep != null) {
                sleep.destroyForcibly();
                try {
                    sleep.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            store.remove(running);
            store.remove(created);
            store.remove(stopped);
            store.remove(events);
        }
    }

    private void save(StateStore store, String id, int pid, long startTime) {
        save(store, id, pid, startTime, null);
    }

    private void save(StateStore store, String id, int pid, long startTime, Path cgroup) {
        store.reserve(id);
        store.save(new SavedState(id, dir.toString(), dir.resolve("rootfs").toString(), pid, startTime,
                Instant.now(), "", cgroup == null ? null : cgroup.toString(),
                Map.of("io.container.manager", "libpod", "org.opencontainers.image.stopSignal", "15")));
        store.load(id);
    }

    /** A directory of plain files shaped like an emptied cgroup v2 with the memory and pids controllers. */
    private Path fakeCgroup() throws IOException {
        Path cgroup = Files.createDirectories(dir.resolve("cgroup/events"));
        Map<String, String> files = Map.of(
                "cgroup.events", "populated 0\nfrozen 0\n",
                "cgroup.procs", "",
                "cpu.stat", "usage_usec 2261\nuser_usec 2261\nsystem_usec 0\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n",
                "cpu.pressure", "some avg10=0.12 avg60=0.00 avg300=0.00 total=31\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
                "memory.stat", "anon 266240\nfile 50331648\n",
                "memory.current", "51519488\n",
                "memory.max", "max\n",
                "memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n",
                "pids.current", "1\n",
                "pids.max", "max\n");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(cgroup.resolve(f.getKey()), f.getValue());
        }
        Files.writeString(cgroup.resolve("io.stat"), "7:0 rbytes=8388608 wbytes=1048576 rios=16 wios=16 dbytes=0 dios=0\n");
        return cgroup;
    }

    private Process startSleep() {
        for (String sleep : List.of("/bin/sleep", "/usr/bin/sleep")) {
            if (Files.isExecutable(Path.of(sleep))) {
                try {
                    return new ProcessBuilder(sleep, "60").redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                } catch (IOException e) {
                    problems.add("cannot start " + sleep + ": " + e.getMessage());
                }
            }
        }
        return null;
    }

    /** spec (into the temporary directory, both forms) and features, which read the host only. */
    private void specAndFeatures() {
        Path bundle = dir.resolve("spec");
        try {
            Files.createDirectories(bundle);
            for (String[] args : List.of(new String[] {"spec", "--bundle", bundle.toString()},
                    new String[] {"spec", "--rootless", "-b", bundle.toString()})) {
                Files.deleteIfExists(bundle.resolve(SpecCommand.CONFIG));
                jrunc(args);
            }
            jrunc("spec", "-b", bundle.toString());
        } catch (IOException e) {
            problems.add("spec: " + e);
        }
        jrunc("features");
    }

    // --- below the command line -----------------------------------------------------------------

    private void direct() {
        try {
            SpecValidator.validate(SpecReader.parseConfig(resource(CONFIG), "config.json"), "config.json");
            SpecValidator.validateProcess(SpecReader.parseProcess(resource(PROCESS), "process.json"), "process.json");
        } catch (RuntimeException e) {
            problems.add("sample config: " + e);
        }
        for (LogFormat format : LogFormat.values()) {
            LogLine.format(format, "error", "container \"x\" does not exist", OffsetDateTime.now());
            LogLine.format(format, "debug", "jrunc 0.1.0: state x \u00e9\t\"q\"", OffsetDateTime.now());
        }
        Failure.of(new UncheckedIOException(new IOException("x")));
        Failure.of(new IllegalStateException("x"));
    }

    /** Links (by initialising) every class of the runtime's own jars, for the paths training cannot run. */
    private void initialiseRuntimeClasses() {
        TreeSet<String> names = new TreeSet<>();
        for (Class<?> anchor : List.of(AotTraining.class, StateStore.class, SpecReader.class, dev.jrunc.sys.Files.class)) {
            Path jar = jarOf(anchor);
            if (jar == null) {
                continue;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry e : (Iterable<JarEntry>) file.stream()::iterator) {
                    String n = e.getName();
                    if (n.startsWith("dev/jrunc/") && n.endsWith(".class") && !n.endsWith("-info.class")) {
                        names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                    }
                }
            } catch (IOException e) {
                problems.add("reading " + jar + ": " + e.getMessage());
            }
        }
        names.remove(AotTraining.class.getName());
        ClassLoader loader = AotTraining.class.getClassLoader();
        for (String name : names) {
            try {
                Class.forName(name, true, loader);
            } catch (Throwable expected) {
                // e.g. libseccomp's holders where the library is not installed: nothing to cache
            }
        }
    }

    private static Path jarOf(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    // --- files ----------------------------------------------------------------------------------

    /** A bundle whose config.json is the sample with a terminal and no rootfs: create refuses it while planning. */
    private Path terminalBundle() throws IOException {
        Path bundle = dir.resolve("bundle");
        Files.createDirectories(bundle);
        String config = new String(resource(CONFIG), StandardCharsets.UTF_8);
        String terminal = config.replace("\"terminal\": false", "\"terminal\": true");
        if (terminal.equals(config)) {
            throw new IllegalStateException(CONFIG + " has no \"terminal\": false to turn into true");
        }
        Files.writeString(bundle.resolve("config.json"), terminal);
        return bundle;
    }

    private static byte[] resource(String name) {
        try (InputStream in = AotTraining.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the runtime-cli jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

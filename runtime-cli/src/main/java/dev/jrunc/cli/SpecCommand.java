package dev.jrunc.cli;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Capabilities;
import dev.jrunc.spec.DeviceCgroupRule;
import dev.jrunc.spec.IdMapping;
import dev.jrunc.spec.Linux;
import dev.jrunc.spec.Mount;
import dev.jrunc.spec.Namespace;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.spec.Resources;
import dev.jrunc.spec.Rlimit;
import dev.jrunc.spec.Root;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;
import dev.jrunc.spec.SpecWriter;
import dev.jrunc.spec.User;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spec [--bundle DIR] [--rootless]}: writes runc's example config.json into the bundle:
 * runc 1.4's libcontainer/specconv/example.go (the runc release on runtime-spec 1.3.0), with this
 * runtime's spec version. Like runc it keeps {@code "terminal": true} and {@code ["sh"]}, adds a
 * cgroup namespace on a cgroup v2 host, and never overwrites a config.json.
 */
final class SpecCommand extends Subcommand {
    static final String CONFIG = "config.json";

    private Path bundle;
    private boolean rootless;
    private List<String> args = List.of();

    @Override
    void declare(OptionBinder options) {
        options.option("--bundle", "-b").label("DIR")
                .description("path to the root of the bundle directory (default: the current directory)")
                .to(Path.class, v -> bundle = v);
        options.flag("--rootless").description("generate a configuration for a rootless container")
                .to(v -> rootless = v);
        options.arguments("ARG").hidden().to(v -> args = v);
    }

    @Override
    public Integer call() throws IOException {
        Arguments.exactly(spec, args, 0);
        Path dir = bundle == null ? Path.of("") : bundle;
        if (bundle != null && !Files.isDirectory(bundle)) {
            // runc chdirs into the bundle first; these are Go's words for that failure.
            String why = Files.exists(bundle, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(bundle)
                    ? "not a directory" : "no such file or directory";
            throw new ContainerException("chdir " + bundle + ": " + why);
        }
        Path config = dir.resolve(CONFIG);
        Spec example = example(cgroup2Unified());
        byte[] json = SpecWriter.write(rootless ? rootless(example, effectiveId("Uid:"), effectiveId("Gid:")) : example);
        if (Files.exists(config, LinkOption.NOFOLLOW_LINKS)) {
            throw exists();
        }
        try {
            Files.write(config, json, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw exists();
        }
        return 0;
    }

    private static ContainerException exists() {
        return new ContainerException("File " + CONFIG + " exists. Remove it first");
    }

    private static final List<String> DEFAULT_CAPS = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

    /**
     * runc's example spec (specconv.Example), with ociVersion 1.3.0. Since runc 1.2 it has no
     * inheritable or ambient capabilities (an ambient capability needs the inheritable one, and
     * jrunc, unlike runc 1.1, fails rather than warns when one cannot be raised).
     *
     * @param cgroup2Unified whether /sys/fs/cgroup is cgroup v2, which adds a cgroup namespace
     */
    static Spec example(boolean cgroup2Unified) {
        SpecProcess process = new SpecProcess(true, null, new User(0, 0, null, null, null), List.of("sh"), null,
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"), "/",
                new Capabilities(DEFAULT_CAPS, DEFAULT_CAPS, null, DEFAULT_CAPS, null),
                List.of(new Rlimit("RLIMIT_NOFILE", 1024, 1024)), true, null, null, null, null, null, null);
        List<Mount> mounts = List.of(
                mount("/proc", "proc", "proc"),
                mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
                mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620",
                        "gid=5"),
                mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
                mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
                mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
                mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro"));
        Resources resources = new Resources(List.of(new DeviceCgroupRule(false, null, null, null, "rwm")),
                null, null, null, null, null, null, null, null);
        List<Namespace> namespaces = new ArrayList<>(namespaces(NamespaceType.PID, NamespaceType.NETWORK,
                NamespaceType.IPC, NamespaceType.UTS, NamespaceType.MOUNT));
        if (cgroup2Unified) {
            namespaces.add(new Namespace(NamespaceType.CGROUP, null));
        }
        Linux linux = new Linux(null, null, null, resources, null, List.copyOf(namespaces),
                null, null, null, null,
                List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"),
                List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                null, null, null, null, null);
        return new Spec(JruncVersion.SPEC_VERSION, process, new Root("rootfs", true), "runc", null, mounts, null, null,
                linux);
    }

    /**
     * runc's {@code specconv.ToRootless}: the caller's effective ids mapped to root in a new user
     * namespace, no network namespace, no cgroup device rules, /sys bind-mounted from the host,
     * and no gid= on devpts.
     */
    static Spec rootless(Spec s, long uid, long gid) {
        List<Namespace> namespaces = new ArrayList<>();
        for (Namespace ns : s.linux().namespaces()) {
            if (ns.type() != NamespaceType.NETWORK && ns.type() != NamespaceType.USER) {
                namespaces.add(ns);
            }
        }
        namespaces.add(new Namespace(NamespaceType.USER, null));
        List<Mount> mounts = new ArrayList<>();
        for (Mount m : s.mounts()) {
            if (m.destination().equals("/sys")) {
                mounts.add(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro"),
                        null, null));
            } else {
                mounts.add(new Mount(m.destination(), m.type(), m.source(),
                        m.options().stream().filter(o -> !o.startsWith("gid=") && !o.startsWith("uid=")).toList(),
                        null, null));
            }
        }
        Linux l = s.linux();
        Linux linux = new Linux(List.of(new IdMapping(0, uid, 1)), List.of(new IdMapping(0, gid, 1)), l.sysctl(),
                null, l.cgroupsPath(), namespaces, l.devices(), l.netDevices(), l.seccomp(), l.rootfsPropagation(),
                l.maskedPaths(), l.readonlyPaths(), l.mountLabel(), l.intelRdt(), l.memoryPolicy(), l.personality(),
                l.timeOffsets());
        return new Spec(s.ociVersion(), s.process(), s.root(), s.hostname(), s.domainname(), mounts, s.hooks(),
                s.annotations(), linux);
    }

    private static Mount mount(String destination, String type, String source, String... options) {
        return new Mount(destination, type, source, List.of(options), null, null);
    }

    private static List<Namespace> namespaces(NamespaceType... types) {
        return java.util.Arrays.stream(types).map(t -> new Namespace(t, null)).toList();
    }

    /** runc's cgroups.IsCgroup2UnifiedMode: /sys/fs/cgroup is a cgroup2 file system. */
    static boolean cgroup2Unified() {
        try {
            return Files.getFileStore(Path.of("/sys/fs/cgroup")).type().equals("cgroup2");
        } catch (IOException e) {
            return false;
        }
    }

    /** The effective id from the "Uid:" or "Gid:" line of /proc/self/status (real, effective, saved, fs). */
    static long effectiveId(String line) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith(line)) {
                return Long.parseLong(l.substring(line.length()).strip().split("\\s+")[1]);
            }
        }
        throw new IOException("/proc/self/status has no " + line + " line");
    }
}

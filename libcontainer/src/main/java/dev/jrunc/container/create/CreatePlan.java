package dev.jrunc.container.create;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupSettings;
import dev.jrunc.container.cgroup.devices.DeviceFilter;
import dev.jrunc.container.cgroup.devices.DeviceRules;
import dev.jrunc.container.process.ProcessAttributes;
import dev.jrunc.container.process.ProcessProgram;
import dev.jrunc.container.process.SecurityModules;
import dev.jrunc.container.rootfs.DeviceNode;
import dev.jrunc.container.rootfs.IdMap;
import dev.jrunc.container.rootfs.PlannedMount;
import dev.jrunc.container.rootfs.RootfsConfig;
import dev.jrunc.container.seccomp.CompiledFilter;
import dev.jrunc.container.seccomp.SeccompCompiler;
import dev.jrunc.spec.Device;
import dev.jrunc.spec.IdMapping;
import dev.jrunc.spec.Linux;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;
import dev.jrunc.spec.json.Quoting;
import dev.jrunc.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything `create` will do, decided and checked before anything is made, so that bad input
 * fails with nothing to clean up.
 *
 * @param cgroup the cgroup's limits: {@code linux.resources} but devices, as controller file writes
 * @param devices the cgroup's device filter: {@code linux.resources.devices} and runc's default
 *        rules, compiled
 */
record CreatePlan(String id, Path bundle, Spec spec, NamespacePlan namespaces, IdMap ids, RootfsConfig rootfs,
                  String cgroupsPath, CgroupSettings cgroup, DeviceFilter devices, SysctlPlan sysctl,
                  CompiledFilter seccomp, ProcessAttributes attributes, String mountLabel) {

    private static final Map<String, Long> ROOT_PROPAGATION = Map.of(
            "shared", Mounts.MS_SHARED,
            "slave", Mounts.MS_SLAVE,
            "private", Mounts.MS_PRIVATE,
            "unbindable", Mounts.MS_UNBINDABLE,
            "rshared", Mounts.MS_SHARED | Mounts.MS_REC,
            "rslave", Mounts.MS_SLAVE | Mounts.MS_REC,
            "rprivate", Mounts.MS_PRIVATE | Mounts.MS_REC,
            "runbindable", Mounts.MS_UNBINDABLE | Mounts.MS_REC);

    static CreatePlan of(String id, Path bundle, Spec spec, CreateOptions options) {
        SpecProcess p = spec.process();
        return of(id, bundle, spec, options, p == null ? SecurityModules.NONE : SecurityModules.probeFor(
                p.apparmorProfile(), p.selinuxLabel(), spec.linux() == null ? null : spec.linux().mountLabel()));
    }

    /** The plan on a host with the security modules {@code host}. */
    static CreatePlan of(String id, Path bundle, Spec spec, CreateOptions options, SecurityModules host) {
        if (spec.process() == null) {
            throw new ContainerException("process: required to create a container");
        }
        if (spec.process().terminal() && options.consoleSocket() == null && !options.callerConsole()) {
            throw new ContainerException("process.terminal: cannot allocate a tty without --console-socket");
        }
        ProcessProgram.validate(spec.process());
        UnsupportedSettings.check(spec);
        Linux linux = spec.linux();
        ProcessAttributes attributes = ProcessAttributes.forInit(spec.process(), linux, host);
        String mountLabel = linux == null || linux.mountLabel() == null || linux.mountLabel().isEmpty() ? null
                : linux.mountLabel();
        if (mountLabel != null && !host.selinux()) {
            // runc passes it on as a context= mount option, which such a kernel refuses (EINVAL).
            throw new ContainerException("linux.mountLabel: an SELinux mount label is specified in config, but selinux "
                    + "is disabled or not supported");
        }
        NamespacePlan namespaces = NamespacePlan.of(linux);
        boolean hostname = spec.hostname() != null && !spec.hostname().isEmpty();
        boolean domainname = spec.domainname() != null && !spec.domainname().isEmpty();
        if ((hostname || domainname) && !namespaces.types().contains(NamespaceType.UTS)) {
            throw new ContainerException(hostname ? "hostname: unable to set the host name without a private UTS namespace"
                    : "domainname: unable to set the domain name without a private UTS namespace");
        }
        IdMap ids = namespaces.newUser() ? new IdMap(ranges(linux.uidMappings()), ranges(linux.gidMappings()))
                : IdMap.identity();
        Path rootfs = rootfs(bundle, spec);
        if (spec.root().readonly() && !namespaces.types().contains(NamespaceType.MOUNT)) {
            throw new ContainerException("root.readonly: requires a mount namespace");
        }
        List<PlannedMount> mounts = MountPlanner.plan(spec.mounts(), bundle);
        boolean devBound = mounts.stream().anyMatch(m -> m.destination().equals("/dev") && m.isBind());
        String propagationName = linux == null ? null : linux.rootfsPropagation();
        long propagation = Mounts.MS_SLAVE | Mounts.MS_REC;
        if (propagationName != null && !propagationName.isEmpty()) {
            Long p = ROOT_PROPAGATION.get(propagationName);
            if (p == null) {
                throw new ContainerException("linux.rootfsPropagation: unknown propagation \"" + propagationName + "\"");
            }
            propagation = p;
        }
        RootfsConfig config = new RootfsConfig(rootfs.toString(), spec.root().readonly(), propagation,
                propagationName != null && !propagationName.isEmpty(), mounts,
                devices(linux), linux == null ? List.of() : linux.maskedPaths(),
                linux == null ? List.of() : linux.readonlyPaths(), !devBound,
                namespaces.types().contains(NamespaceType.USER), ids,
                options.noPivot(), !namespaces.types().contains(NamespaceType.MOUNT), spec.process().cwd());
        CgroupSettings cgroup = CgroupSettings.of(linux == null ? null : linux.resources());
        SysctlPlan sysctl = SysctlPlan.of(linux == null ? Map.of() : linux.sysctl(), namespaces);
        CompiledFilter seccomp = linux == null || linux.seccomp() == null ? null
                : SeccompCompiler.compile(linux.seccomp());
        DeviceFilter devices = DeviceFilter.of(DeviceRules.forContainer(linux));
        return new CreatePlan(id, bundle, spec, namespaces, ids, config, linux == null ? null : linux.cgroupsPath(),
                cgroup, devices, sysctl, seccomp, attributes, mountLabel);
    }

    private static Path rootfs(Path bundle, Spec spec) {
        if (spec.root() == null || spec.root().path() == null || spec.root().path().isEmpty()) {
            throw new ContainerException("root.path: required");
        }
        Path path = bundle.resolve(spec.root().path()).normalize();
        if (!Files.isDirectory(path)) {
            throw new ContainerException("root.path: rootfs " + path + ": no such file or directory");
        }
        try {
            // pivot_root and the mountinfo lookups need the real path, not one through symlinks.
            return path.toRealPath();
        } catch (IOException e) {
            throw new ContainerException("root.path: resolving " + path + ": " + e.getMessage(), e);
        }
    }

    private static List<IdMap.Range> ranges(List<IdMapping> mappings) {
        List<IdMap.Range> out = new ArrayList<>();
        for (IdMapping m : mappings) {
            out.add(new IdMap.Range(m.containerId(), m.hostId(), m.size()));
        }
        return List.copyOf(out);
    }

    /**
     * Whether a device path names something below /dev. ".." is refused outright: resolved in
     * the rootfs, "/dev/../etc/passwd" would replace the image's /etc/passwd with a device node.
     */
    static boolean isUnderDev(String path) {
        if (path == null || !path.startsWith("/dev/")) {
            return false;
        }
        boolean named = false;
        for (String part : path.substring("/dev/".length()).split("/")) {
            if (part.equals("..")) {
                return false;
            }
            named |= !part.isEmpty() && !part.equals(".");
        }
        return named;
    }

    private static List<DeviceNode> devices(Linux linux) {
        if (linux == null) {
            return List.of();
        }
        List<DeviceNode> out = new ArrayList<>();
        for (int i = 0; i < linux.devices().size(); i++) {
            Device d = linux.devices().get(i);
            String field = "linux.devices[" + i + "]";
            char type = d.type() == null || d.type().isEmpty() ? 'c' : d.type().charAt(0);
            if ((type == 'c' || type == 'b' || type == 'u') && (d.major() == null || d.minor() == null)) {
                throw new ContainerException(field + ": major and minor are required for type " + type);
            }
            if (!isUnderDev(d.path())) {
                throw new ContainerException(field + ".path: must be a path under /dev without \"..\", got "
                        + Quoting.quoteShort(String.valueOf(d.path())));
            }
            out.add(new DeviceNode(d.path(), type, d.major() == null ? 0 : d.major().intValue(),
                    d.minor() == null ? 0 : d.minor().intValue(), d.fileMode() == null ? 0666 : d.fileMode().intValue(),
                    d.uid() == null ? 0 : d.uid().intValue(), d.gid() == null ? 0 : d.gid().intValue()));
        }
        return List.copyOf(out);
    }
}

package dev.jrunc.cli;

import dev.jrunc.container.process.CapabilityNames;
import dev.jrunc.container.seccomp.SeccompCompiler;
import dev.jrunc.spec.CgroupFeatures;
import dev.jrunc.spec.EnabledFeature;
import dev.jrunc.spec.Features;
import dev.jrunc.spec.FeaturesWriter;
import dev.jrunc.spec.IntelRdtFeatures;
import dev.jrunc.spec.LinuxFeatures;
import dev.jrunc.spec.MountExtensionsFeatures;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.spec.SeccompAction;
import dev.jrunc.spec.SeccompFeatures;
import dev.jrunc.spec.SeccompOperator;
import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonLayout;
import dev.jrunc.spec.json.JsonValue;
import dev.jrunc.sys.LibSeccomp;
import dev.jrunc.sys.SyscallException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code features}: the runtime-spec features document (features.md) for this build on this host,
 * laid out as {@code runc features} prints it. Every value states what jrunc actually does:
 * settings that {@code create} refuses are reported as unsupported.
 */
final class FeaturesCommand extends Subcommand {
    static final String OCI_VERSION_MIN = "1.0.0";

    /**
     * Every mount option {@code MountOptions.parse} recognises rather than passing to the file
     * system: attributes and their recursive forms, atime modes, propagation, bind, and the
     * options it accepts as no-ops. "idmap"/"ridmap" are refused, so they are not listed.
     */
    static final List<String> MOUNT_OPTIONS = sorted(List.of(
            "ro", "rw", "nosuid", "suid", "nodev", "dev", "noexec", "exec", "nodiratime", "diratime",
            "nosymfollow", "symfollow",
            "rro", "rrw", "rnosuid", "rsuid", "rnodev", "rdev", "rnoexec", "rexec", "rnodiratime", "rdiratime",
            "rnosymfollow", "rsymfollow",
            "noatime", "relatime", "strictatime", "rnoatime", "rrelatime", "rstrictatime",
            "ratime", "rnostrictatime", "rnorelatime",
            "shared", "slave", "private", "unbindable", "rshared", "rslave", "rprivate", "runbindable",
            "bind", "rbind",
            "defaults", "async", "norelatime", "nostrictatime", "atime", "auto", "noauto", "nouser", "user",
            "_netdev", "tmpcopyup", "loud"));

    /**
     * Every architecture name (without SCMP_ARCH_) runtime-spec v1.3.0 defines; libseccomp is asked
     * which of them it knows and can use here.
     */
    private static final List<String> ARCH_CANDIDATES = List.of(
            "x86", "x86_64", "x32", "arm", "aarch64", "loongarch64", "m68k", "mips", "mips64", "mips64n32",
            "mipsel", "mipsel64", "mipsel64n32", "ppc", "ppc64", "ppc64le", "riscv64", "s390", "s390x",
            "parisc", "parisc64", "sh", "sheb");

    // The flags SeccompCompiler accepts. TSYNC is accepted and ignored (the filter is installed
    // by the single-threaded helper); WAIT_KILLABLE_RECV needs an SCMP_ACT_NOTIFY rule.
    static final String FLAG_TSYNC = "SECCOMP_FILTER_FLAG_TSYNC";
    static final String FLAG_LOG = "SECCOMP_FILTER_FLAG_LOG";
    static final String FLAG_SPEC_ALLOW = "SECCOMP_FILTER_FLAG_SPEC_ALLOW";
    static final String FLAG_WAIT_KILLABLE_RECV = "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV";

    /** The hook phases jrunc runs, in runc's order. */
    static final List<String> HOOKS = List.of("prestart", "createRuntime", "createContainer", "startContainer",
            "poststart", "poststop");

    private List<String> args = List.of();

    @Override
    void declare(OptionBinder options) {
        options.arguments("ARG").hidden().to(v -> args = v);
    }

    @Override
    public Integer call() {
        Arguments.exactly(spec, args, 0);
        PrintWriter out = spec.commandLine().getOut();
        out.println(new String(render(features()), StandardCharsets.UTF_8));
        out.flush();
        return 0;
    }

    /** The features of this build on this host. */
    static Features features() {
        boolean seccomp = LibSeccomp.isInstalled();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("dev.jrunc.version", JruncVersion.VERSION);
        if (seccomp) {
            annotations.put("io.github.seccomp.libseccomp.version", LibSeccomp.version().toString());
        }
        LinuxFeatures linux = new LinuxFeatures(
                namespaces(),
                capabilities(CapabilityNames.lastCap()),
                new CgroupFeatures(false, true, false, false, true),
                seccomp ? seccompFeatures() : new SeccompFeatures(false, null, null, null, null, null),
                // features.md: whether support is built in, not whether this host has the module
                // (runc reports both true); a label the host cannot apply fails create by name.
                new EnabledFeature(true),
                new EnabledFeature(true),
                new IntelRdtFeatures(false, null, null),
                null,
                new MountExtensionsFeatures(new EnabledFeature(false)),
                new EnabledFeature(false));
        return new Features(OCI_VERSION_MIN, JruncVersion.SPEC_VERSION, HOOKS, MOUNT_OPTIONS, linux,
                annotations, List.of());
    }

    /**
     * FeaturesWriter's layout, plus {@code hooks} and {@code potentiallyUnsafeConfigAnnotations}
     * when they are empty (FeaturesWriter leaves empty lists out): in features.md an absent list
     * means "unknown" and an empty one "none"; jrunc reads no config annotations.
     */
    static byte[] render(Features features) {
        JsonValue.Obj written = Json.parseObject(FeaturesWriter.write(features));
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : written.members().entrySet()) {
            members.put(member.getKey(), member.getValue());
            if (member.getKey().equals("ociVersionMax") && features.hooks().isEmpty()) {
                members.put("hooks", new JsonValue.Arr(List.of()));
            }
        }
        if (features.potentiallyUnsafeConfigAnnotations().isEmpty()) {
            members.put("potentiallyUnsafeConfigAnnotations", new JsonValue.Arr(List.of()));
        }
        return Json.render(new JsonValue.Obj(members), JsonLayout.FOUR_SPACES);
    }

    /** All namespace types, sorted by name as runc lists them. */
    static List<String> namespaces() {
        return sorted(Arrays.stream(NamespaceType.values()).map(NamespaceType::specName).toList());
    }

    /** The capability names numbered 0 to {@code lastCap}, in number order. */
    static List<String> capabilities(int lastCap) {
        List<String> names = new ArrayList<>();
        List<String> known = CapabilityNames.all();
        // Names are in number order, so the kernel's ones are a prefix.
        for (int number = 0; number <= lastCap && number < known.size(); number++) {
            names.add(known.get(number));
        }
        return names;
    }

    private static SeccompFeatures seccompFeatures() {
        List<String> actions = sorted(Arrays.stream(SeccompAction.values()).map(SeccompAction::specName).toList());
        List<String> operators = sorted(Arrays.stream(SeccompOperator.values()).map(SeccompOperator::specName).toList());
        List<String> archs = usableArchs();
        List<String> known = List.of(FLAG_TSYNC, FLAG_LOG, FLAG_SPEC_ALLOW, FLAG_WAIT_KILLABLE_RECV);
        List<String> supported = new ArrayList<>();
        supported.add(FLAG_TSYNC);
        if (LibSeccomp.kernelAcceptsFilterFlag(SeccompCompiler.FLAG_LOG)) {
            supported.add(FLAG_LOG);
        }
        if (LibSeccomp.kernelAcceptsFilterFlag(SeccompCompiler.FLAG_SPEC_ALLOW)) {
            supported.add(FLAG_SPEC_ALLOW);
        }
        // The kernel takes it only along with a listener, which a notify rule brings.
        if (LibSeccomp.kernelAcceptsFilterFlag(
                SeccompCompiler.FLAG_NEW_LISTENER | SeccompCompiler.FLAG_WAIT_KILLABLE_RECV)) {
            supported.add(FLAG_WAIT_KILLABLE_RECV);
        }
        return new SeccompFeatures(true, actions, operators, archs, known, supported);
    }

    /**
     * The architectures SeccompCompiler can put in a filter here: libseccomp resolves the name,
     * and accepts it next to the native architecture (it refuses, with EDOM, to mix byte orders:
     * SCMP_ARCH_S390X cannot join an x86_64 filter, so listing it would promise a failure).
     */
    static List<String> usableArchs() {
        List<String> archs = new ArrayList<>();
        for (String arch : ARCH_CANDIDATES) {
            int token = LibSeccomp.archResolveName(arch);
            if (token == 0) {
                continue;
            }
            try (LibSeccomp.Filter filter = LibSeccomp.init(LibSeccomp.ACT_ALLOW)) {
                filter.archAdd(token);
            } catch (SyscallException refused) {
                continue;
            }
            archs.add("SCMP_ARCH_" + arch.toUpperCase(Locale.ROOT));
        }
        return sorted(archs);
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}

package dev.jrunc.spec;

import java.util.List;

/**
 * Decides whether a config that {@link SpecReader} could read can be run: the spec's MUSTs that a
 * schema cannot express, plus the rules runc enforces before touching the system (a process is
 * required, mappings need a user namespace, and so on). Host-dependent checks (does the kernel know
 * this capability, is this cgroup controller available) are not made here.
 *
 * <p>{@code validate} methods throw an {@link InvalidSpecException} for the first problem found;
 * {@code problems} methods return them all.
 */
public final class SpecValidator {

    private SpecValidator() {}

    /** Throws for the first problem of {@code spec}, naming {@code sourceName} in the message. */
    public static void validate(Spec spec, String sourceName) {
        throwFirst(problems(spec), sourceName);
    }

    /** Every problem of {@code spec}, section by section (process, root, mounts, hooks, namespaces, linux), each with its JSON path. */
    public static List<SpecProblem> problems(Spec spec) {
        Problems out = new Problems();
        JsonPath root = JsonPath.root();
        CommonRules.requireText(spec.ociVersion(), root.member("ociVersion"), out);
        if (spec.process() == null) {
            out.add(root.member("process"), "is required");
        } else {
            ProcessRules.check(spec.process(), root.member("process"), out);
        }
        if (spec.root() == null) {
            out.add(root.member("root"), "is required");
        } else {
            CommonRules.requireText(spec.root().path(), root.member("root").member("path"), out);
        }
        checkHostName(spec.hostname(), root.member("hostname"), out);
        checkHostName(spec.domainname(), root.member("domainname"), out);
        MountRules.check(spec.mounts(), root.member("mounts"), out);
        if (spec.hooks() != null) {
            HookRules.check(spec.hooks(), root.member("hooks"), out);
        }
        NamespaceRules.check(spec, out);
        if (spec.linux() != null) {
            LinuxRules.check(spec.linux(), root.member("linux"), out);
        }
        return out.list();
    }

    /** Throws for the first problem of an exec process; paths are relative to the process document. */
    public static void validateProcess(SpecProcess process, String sourceName) {
        throwFirst(processProblems(process), sourceName);
    }

    /** Every problem of an exec process, paths relative to the process document. */
    public static List<SpecProblem> processProblems(SpecProcess process) {
        Problems out = new Problems();
        ProcessRules.check(process, JsonPath.root(), out);
        return out.list();
    }

    /** Throws for the first problem of an update resources document. */
    public static void validateResources(Resources resources, String sourceName) {
        throwFirst(resourcesProblems(resources), sourceName);
    }

    /** Every problem of an update resources document, paths relative to it. */
    public static List<SpecProblem> resourcesProblems(Resources resources) {
        Problems out = new Problems();
        ResourcesRules.check(resources, JsonPath.root(), out);
        return out.list();
    }

    // sethostname(2) and setdomainname(2) refuse longer names (HOST_NAME_MAX, __NEW_UTS_LEN).
    private static final int MAX_HOST_NAME_BYTES = 64;

    private static void checkHostName(String name, JsonPath at, Problems out) {
        if (name != null && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_HOST_NAME_BYTES) {
            out.add(at, "longer than " + MAX_HOST_NAME_BYTES + " bytes, the kernel's limit: "
                    + dev.jrunc.spec.json.Quoting.quoteShort(name));
        }
    }

    private static void throwFirst(List<SpecProblem> problems, String sourceName) {
        if (!problems.isEmpty()) {
            throw InvalidSpecException.of(sourceName, problems.getFirst());
        }
    }
}

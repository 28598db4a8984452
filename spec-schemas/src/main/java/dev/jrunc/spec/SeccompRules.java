package dev.jrunc.spec;

import dev.jrunc.spec.json.Quoting;
import java.util.List;
import java.util.Set;

/** Whether a seccomp filter can be compiled: known actions, architectures and flags. */
final class SeccompRules {

    private static final Set<String> ARCHITECTURES = Set.of(
            "SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64",
            "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64",
            "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32",
            "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64", "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X",
            "SCMP_ARCH_SH", "SCMP_ARCH_SHEB", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64");

    private static final Set<String> FLAGS = Set.of(
            "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
            "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");

    private SeccompRules() {}

    static void check(Seccomp seccomp, JsonPath at, Problems out) {
        // Unknown action names never get this far: the reader maps them to SeccompAction.
        if (seccomp.defaultAction() == null) {
            out.add(at.member("defaultAction"), "is required");
        }
        checkNames(seccomp.architectures(), ARCHITECTURES, "seccomp architecture", at.member("architectures"), out);
        checkNames(seccomp.flags(), FLAGS, "seccomp flag", at.member("flags"), out);
        boolean hasListener = seccomp.listenerPath() != null && !seccomp.listenerPath().isEmpty();
        if (seccomp.listenerMetadata() != null && !seccomp.listenerMetadata().isEmpty() && !hasListener) {
            out.add(at.member("listenerMetadata"), "requires linux.seccomp.listenerPath");
        }
        List<Syscall> syscalls = seccomp.syscalls();
        for (int i = 0; i < syscalls.size(); i++) {
            Syscall syscall = syscalls.get(i);
            JsonPath syscallAt = at.member("syscalls").index(i);
            if (syscall.action() == null) {
                out.add(syscallAt.member("action"), "is required");
            }
            for (int a = 0; a < syscall.args().size(); a++) {
                if (syscall.args().get(a).op() == null) {
                    out.add(syscallAt.member("args").index(a).member("op"), "is required");
                }
            }
        }
    }

    private static void checkNames(List<String> names, Set<String> known, String what, JsonPath at, Problems out) {
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(names.get(i))) {
                out.add(at.index(i), "unknown " + what + " " + Quoting.quoteShort(names.get(i)));
            }
        }
    }
}

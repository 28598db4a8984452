package dev.jrunc.container.seccomp;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Seccomp;
import dev.jrunc.spec.SeccompAction;
import dev.jrunc.spec.SeccompArg;
import dev.jrunc.spec.SeccompOperator;
import dev.jrunc.spec.Syscall;
import dev.jrunc.sys.LibSeccomp;
import dev.jrunc.sys.SyscallException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compiles {@code linux.seccomp} (runtime-spec v1.3.0) into a classic BPF program with
 * libseccomp, with runc's semantics (libcontainer/seccomp/seccomp_linux.go and patchbpf):
 *
 * <ul>
 *   <li>ERRNO and TRACE without an errno return EPERM; errnoRet on other actions is ignored;
 *   <li>the native architecture is always in the filter, the listed ones are added;
 *   <li>each name is resolved by libseccomp; a name it does not know is ignored (an older
 *       libseccomp does not know newer calls), a rule whose action equals the default is skipped;
 *   <li>argument conditions on distinct arguments form one rule (all must hold); when two
 *       conditions name the same argument, each becomes a rule of its own (any may hold);
 *   <li>unless the default action lets calls through (ALLOW, LOG, TRACE) or already returns
 *       ENOSYS, calls numbered above the highest one the profile names return ENOSYS
 *       ({@link EnosysStub});
 *   <li>SCMP_ACT_NOTIFY is a rule action only (not the default), needs a listenerPath and
 *       sets SECCOMP_FILTER_FLAG_NEW_LISTENER, as in runc;
 *   <li>no_new_privs and TSYNC are left to the caller: the init decides no_new_privs and installs
 *       the filter single-threaded.
 * </ul>
 *
 * Every failure is a {@link ContainerException} of one line naming the JSON path.
 * libseccomp is loaded on the first compile only.
 */
public final class SeccompCompiler {
    /** SECCOMP_FILTER_FLAG_LOG (linux/seccomp.h). */
    public static final int FLAG_LOG = 1 << 1;
    /** SECCOMP_FILTER_FLAG_SPEC_ALLOW. */
    public static final int FLAG_SPEC_ALLOW = 1 << 2;
    /** SECCOMP_FILTER_FLAG_NEW_LISTENER: set when a rule uses SCMP_ACT_NOTIFY. */
    public static final int FLAG_NEW_LISTENER = 1 << 3;
    /** SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV; the kernel refuses it without NEW_LISTENER. */
    public static final int FLAG_WAIT_KILLABLE_RECV = 1 << 5;
    /** BPF_MAXINSNS: the kernel refuses longer programs. */
    public static final int MAX_INSTRUCTIONS = 4096;

    private static final String AT = "linux.seccomp";
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    /** Above this many names runc turns on libseccomp's binary tree (SCMP_FLTATR_CTL_OPTIMIZE = 2). */
    private static final int BINARY_TREE_THRESHOLD = 32;
    private static final int MAX_ARGUMENTS = 6;

    private SeccompCompiler() {
    }

    /** Compiles {@code seccomp}; see the class comment for the semantics. */
    public static CompiledFilter compile(Seccomp seccomp) {
        int flags = flags(seccomp.flags());
        if (seccomp.defaultAction() == SeccompAction.NOTIFY) {
            throw new ContainerException(AT + ".defaultAction: SCMP_ACT_NOTIFY cannot be the default action");
        }
        int defaultAction = action(seccomp.defaultAction(), seccomp.defaultErrnoRet(), -1);
        List<Syscall> syscalls = seccomp.syscalls();
        int[] actions = new int[syscalls.size()];
        for (int i = 0; i < syscalls.size(); i++) {
            Syscall call = syscalls.get(i);
            if (call.action() == SeccompAction.NOTIFY) {
                checkNotify(call, i, seccomp.listenerPath());
                flags |= FLAG_NEW_LISTENER;
            }
            actions[i] = action(call.action(), call.errnoRet(), i);
        }
        if ((flags & FLAG_WAIT_KILLABLE_RECV) != 0 && (flags & FLAG_NEW_LISTENER) == 0) {
            // Only meaningful with a notify listener; the kernel fails seccomp(2) with EINVAL without one.
            throw new ContainerException(AT + ".flags: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV needs an "
                    + "SCMP_ACT_NOTIFY rule");
        }

        try {
            LibSeccomp.require();
        } catch (LibSeccomp.NotInstalledException e) {
            throw new ContainerException(AT + ": " + e.getMessage(), e);
        }
        LibSeccomp.Filter filter;
        try {
            filter = LibSeccomp.init(defaultAction);
        } catch (SyscallException e) {
            throw new ContainerException(AT + ".defaultAction: " + e.getMessage(), e);
        }
        try {
            return build(filter, seccomp, defaultAction, actions, flags);
        } finally {
            filter.close();
        }
    }

    private static CompiledFilter build(LibSeccomp.Filter filter, Seccomp seccomp, int defaultAction, int[] actions,
            int flags) {
        try {
            filter.attrSet(LibSeccomp.FLTATR_CTL_NNP, 0);
            filter.attrSet(LibSeccomp.FLTATR_CTL_TSYNC, 0);
        } catch (SyscallException e) {
            throw new ContainerException(AT + ": " + e.getMessage(), e);
        }

        List<String> archNames = seccomp.architectures();
        int[] arches = new int[archNames.size()];
        for (int i = 0; i < archNames.size(); i++) {
            arches[i] = resolveArch(archNames.get(i), i);
            try {
                filter.archAdd(arches[i]);
            } catch (SyscallException e) {
                throw new ContainerException(AT + ".architectures[" + i + "]: " + e.getMessage(), e);
            }
        }

        List<Syscall> syscalls = seccomp.syscalls();
        List<String> allNames = new ArrayList<>();
        for (int i = 0; i < syscalls.size(); i++) {
            List<String> names = syscalls.get(i).names();
            for (int j = 0; j < names.size(); j++) {
                String name = names.get(j);
                if (name == null || name.isEmpty()) {
                    throw new ContainerException(syscallPath(i) + ".names[" + j
                            + "]: an empty string is not a system call name");
                }
                allNames.add(name);
            }
        }
        int[] numbers = LibSeccomp.syscallResolveNames(allNames);
        int rulesAdded = 0;
        int n = 0;
        for (int i = 0; i < syscalls.size(); i++) {
            Syscall call = syscalls.get(i);
            List<List<LibSeccomp.ArgCmp>> conditions = null;
            List<String> names = call.names();
            for (int j = 0; j < names.size(); j++, n++) {
                String name = names.get(j);
                if (actions[i] == defaultAction) {
                    continue; // redundant, and libseccomp refuses it (EACCES)
                }
                int nr = numbers[n];
                if (nr == LibSeccomp.NR_SCMP_ERROR) {
                    continue; // unknown to this libseccomp: ignored, as runc does
                }
                if (conditions == null) {
                    conditions = conditions(call.args(), i);
                }
                for (int r = 0; r < conditions.size(); r++) {
                    try {
                        filter.ruleAdd(actions[i], nr, conditions.get(r), name);
                    } catch (SyscallException e) {
                        throw new ContainerException(syscallPath(i) + ".names[" + j + "]: " + e.getMessage(), e);
                    }
                    rulesAdded++;
                }
            }
        }

        if (allNames.size() > BINARY_TREE_THRESHOLD && rulesAdded > 0) {
            try {
                filter.attrSet(LibSeccomp.FLTATR_CTL_OPTIMIZE, 2);
            } catch (SyscallException e) {
                // an older libseccomp without the binary tree: the linear program is as correct
            }
        }

        byte[] program;
        try {
            program = filter.exportBpf();
        } catch (SyscallException e) {
            throw new ContainerException(AT + ": " + e.getMessage(), e);
        }
        if (program.length == 0 || program.length % 8 != 0) {
            throw new ContainerException(AT + ": libseccomp produced a program of " + program.length
                    + " bytes, not a whole number of instructions");
        }
        if (needsEnosysStub(seccomp.defaultAction(), defaultAction)) {
            program = withEnosysStub(program, arches, allNames);
        }
        if (program.length / 8 > MAX_INSTRUCTIONS) {
            throw new ContainerException(AT + ": the compiled filter has " + program.length / 8
                    + " instructions, more than the kernel's limit of " + MAX_INSTRUCTIONS);
        }
        return new CompiledFilter(program, flags);
    }

    /**
     * A notify rule needs a listener to hand the fd to, and must leave sendmsg alone: the helper
     * sends the notify fd back with sendmsg right after installing the filter, so a notified
     * sendmsg would wait for a listener that can never get the fd (runc refuses write for the
     * same reason).
     */
    private static void checkNotify(Syscall call, int i, String listenerPath) {
        if (listenerPath == null || listenerPath.isEmpty()) {
            throw new ContainerException(AT + ".listenerPath: required when a rule uses SCMP_ACT_NOTIFY ("
                    + syscallPath(i) + ")");
        }
        if (call.names().contains("sendmsg")) {
            throw new ContainerException(syscallPath(i) + ".action: SCMP_ACT_NOTIFY cannot be used for the sendmsg "
                    + "syscall (jrunc hands the notify fd over with it)");
        }
    }

    private static String syscallPath(int i) {
        return AT + ".syscalls[" + i + "]";
    }

    /** runc adds the -ENOSYS stub unless the default action lets calls through. */
    static boolean needsEnosysStub(SeccompAction defaultKind, int defaultAction) {
        if (defaultKind == SeccompAction.ALLOW || defaultKind == SeccompAction.LOG
                || defaultKind == SeccompAction.TRACE) {
            return false;
        }
        // A default of ERRNO(ENOSYS) already answers what the stub would: leave it out.
        return defaultAction != LibSeccomp.actErrno(ENOSYS);
    }

    private static byte[] withEnosysStub(byte[] program, int[] listed, List<String> names) {
        // The native architecture first, then the listed ones, each once.
        int[] arches = new int[listed.length + 1];
        int count = 0;
        arches[count++] = LibSeccomp.archNative();
        for (int arch : listed) {
            boolean seen = false;
            for (int k = 0; k < count; k++) {
                seen |= arches[k] == arch;
            }
            if (!seen) {
                arches[count++] = arch;
            }
        }
        int[] tokens = Arrays.copyOf(arches, count);
        int[] highest = new int[count];
        for (int k = 0; k < count; k++) {
            highest[k] = LibSeccomp.highestSyscall(tokens[k], names);
        }
        byte[] stub;
        try {
            stub = EnosysStub.encode(EnosysStub.generate(tokens, highest));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ContainerException(AT + ".architectures: " + e.getMessage(), e);
        }
        byte[] out = new byte[stub.length + program.length];
        System.arraycopy(stub, 0, out, 0, stub.length);
        System.arraycopy(program, 0, out, stub.length, program.length);
        return out;
    }

    /**
     * The rules one syscall entry becomes: one rule holding every condition, or, when two
     * conditions compare the same argument (libseccomp refuses that in one rule), one rule per
     * condition. With no conditions, one unconditional rule.
     */
    private static List<List<LibSeccomp.ArgCmp>> conditions(List<SeccompArg> args, int syscall) {
        List<LibSeccomp.ArgCmp> all = new ArrayList<>(args.size());
        int[] perArgument = new int[MAX_ARGUMENTS];
        boolean sameArgumentTwice = false;
        for (int a = 0; a < args.size(); a++) {
            SeccompArg arg = args.get(a);
            if (arg.index() < 0 || arg.index() >= MAX_ARGUMENTS) {
                throw new ContainerException(syscallPath(syscall) + ".args[" + a + "].index: "
                        + Long.toUnsignedString(arg.index()) + " is out of range (system call arguments are numbered 0 to 5)");
            }
            int index = (int) arg.index();
            if (++perArgument[index] > 1) {
                sameArgumentTwice = true;
            }
            if (arg.op() == null) {
                throw new ContainerException(syscallPath(syscall) + ".args[" + a + "].op: is required");
            }
            all.add(new LibSeccomp.ArgCmp(index, operator(arg.op()), arg.value(), arg.valueTwo()));
        }
        List<List<LibSeccomp.ArgCmp>> rules = new ArrayList<>();
        if (!sameArgumentTwice) {
            rules.add(all);
            return rules;
        }
        for (int a = 0; a < all.size(); a++) {
            rules.add(List.of(all.get(a)));
        }
        return rules;
    }

    private static int operator(SeccompOperator op) {
        return switch (op) {
            case NOT_EQUAL -> LibSeccomp.CMP_NE;
            case LESS_THAN -> LibSeccomp.CMP_LT;
            case LESS_OR_EQUAL -> LibSeccomp.CMP_LE;
            case EQUAL -> LibSeccomp.CMP_EQ;
            case GREATER_OR_EQUAL -> LibSeccomp.CMP_GE;
            case GREATER_THAN -> LibSeccomp.CMP_GT;
            case MASKED_EQUAL -> LibSeccomp.CMP_MASKED_EQ;
        };
    }

    /**
     * The libseccomp action value of the default action ({@code syscall} -1) or of
     * {@code syscalls[syscall]}; a NOTIFY default is rejected by the caller before this.
     */
    static int action(SeccompAction action, Long errnoRet, int syscall) {
        if (action == null) {
            throw new ContainerException((syscall < 0 ? AT + ".defaultAction" : syscallPath(syscall) + ".action")
                    + ": is required");
        }
        return switch (action) {
            case KILL, KILL_THREAD -> LibSeccomp.ACT_KILL_THREAD;
            case KILL_PROCESS -> LibSeccomp.ACT_KILL_PROCESS;
            case TRAP -> LibSeccomp.ACT_TRAP;
            case ERRNO -> LibSeccomp.actErrno(errno(errnoRet, syscall));
            case TRACE -> LibSeccomp.actTrace(errno(errnoRet, syscall));
            case ALLOW -> LibSeccomp.ACT_ALLOW;
            case LOG -> LibSeccomp.ACT_LOG;
            case NOTIFY -> LibSeccomp.ACT_NOTIFY;
        };
    }

    private static int errno(Long errnoRet, int syscall) {
        if (errnoRet == null) {
            return EPERM;
        }
        long v = errnoRet;
        if (v < 0 || v > 0xffff) {
            throw new ContainerException((syscall < 0 ? AT + ".defaultErrnoRet" : syscallPath(syscall) + ".errnoRet")
                    + ": " + Long.toUnsignedString(v) + " is out of range (the filter returns a 16-bit value, 0 to 65535)");
        }
        return (int) v;
    }

    /** SCMP_ARCH_X86_64 to libseccomp's "x86_64", resolved to its token. */
    private static int resolveArch(String name, int i) {
        final String prefix = "SCMP_ARCH_";
        int token = 0;
        if (name != null && name.startsWith(prefix) && name.length() > prefix.length()) {
            token = LibSeccomp.archResolveName(name.substring(prefix.length()).toLowerCase(Locale.ROOT));
        }
        if (token == 0) {
            throw new ContainerException(AT + ".architectures[" + i + "]: " + name + " is not an architecture libseccomp "
                    + LibSeccomp.version() + " knows");
        }
        return token;
    }

    private static int flags(List<String> names) {
        int flags = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            switch (name == null ? "" : name) {
                case "SECCOMP_FILTER_FLAG_TSYNC" -> {
                    // accepted and ignored, as runc does: the filter is installed single-threaded
                }
                case "SECCOMP_FILTER_FLAG_LOG" -> flags |= FLAG_LOG;
                case "SECCOMP_FILTER_FLAG_SPEC_ALLOW" -> flags |= FLAG_SPEC_ALLOW;
                case "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV" -> flags |= FLAG_WAIT_KILLABLE_RECV;
                default -> throw new ContainerException(AT + ".flags[" + i + "]: unknown seccomp flag \"" + name + "\"");
            }
        }
        return flags;
    }
}

package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * libseccomp (libseccomp.so.2), loaded on first use: the runtime only needs it when a config
 * has {@code linux.seccomp}, so a JVM that never compiles a filter never opens the library.
 *
 * <p>libseccomp does not report through errno: its functions return a negative errno value,
 * which becomes a {@link SyscallException} naming the function, its arguments and that errno.
 * A filter context is a {@link Filter}, owned by one caller, released by {@link Filter#close()}.
 */
public final class LibSeccomp {
    /** The soname loaded; the same on x86_64 and arm64. */
    public static final String SONAME = "libseccomp.so.2";

    // Actions (seccomp.h). ERRNO and TRACE carry a 16-bit value: see actErrno and actTrace.
    public static final int ACT_KILL_PROCESS = 0x80000000;
    public static final int ACT_KILL_THREAD = 0x00000000;
    public static final int ACT_KILL = ACT_KILL_THREAD;
    public static final int ACT_TRAP = 0x00030000;
    public static final int ACT_NOTIFY = 0x7fc00000;
    public static final int ACT_LOG = 0x7ffc0000;
    public static final int ACT_ALLOW = 0x7fff0000;

    // enum scmp_compare
    public static final int CMP_NE = 1;
    public static final int CMP_LT = 2;
    public static final int CMP_LE = 3;
    public static final int CMP_EQ = 4;
    public static final int CMP_GE = 5;
    public static final int CMP_GT = 6;
    public static final int CMP_MASKED_EQ = 7;

    // enum scmp_filter_attr
    public static final int FLTATR_ACT_DEFAULT = 1;
    public static final int FLTATR_ACT_BADARCH = 2;
    public static final int FLTATR_CTL_NNP = 3;
    public static final int FLTATR_CTL_TSYNC = 4;
    public static final int FLTATR_API_TSKIP = 5;
    public static final int FLTATR_CTL_LOG = 6;
    public static final int FLTATR_CTL_SSB = 7;
    public static final int FLTATR_CTL_OPTIMIZE = 8;
    public static final int FLTATR_API_SYSRAWRC = 9;

    // Architecture tokens: the kernel's AUDIT_ARCH_* values, except SCMP_ARCH_X32 (x32 processes
    // report AUDIT_ARCH_X86_64 and set bit 30 of the system call number).
    public static final int ARCH_NATIVE = 0;
    public static final int ARCH_X86 = 0x40000003;
    public static final int ARCH_X86_64 = 0xc000003e;
    public static final int ARCH_X32 = 0x4000003e;
    public static final int ARCH_ARM = 0x40000028;
    public static final int ARCH_AARCH64 = 0xc00000b7;
    public static final int ARCH_S390 = 0x00000016;
    public static final int ARCH_S390X = 0x80000016;

    /** What {@link #syscallResolveName} returns for a name libseccomp does not know (__NR_SCMP_ERROR). */
    public static final int NR_SCMP_ERROR = -1;

    /** Size of {@code struct scmp_arg_cmp}: unsigned int arg, enum op, uint64 datum_a, uint64 datum_b. */
    static final long ARG_CMP_SIZE = 24;

    private LibSeccomp() {
    }

    /** libseccomp's version, e.g. 2.5.4. */
    public record Version(int major, int minor, int micro) {
        public boolean atLeast(int wantMajor, int wantMinor) {
            return major > wantMajor || (major == wantMajor && minor >= wantMinor);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + micro;
        }
    }

    /**
     * One argument comparison ({@code struct scmp_arg_cmp}). The data are uint64 in a long's bits;
     * for {@link #CMP_MASKED_EQ} {@code datumA} is the mask and {@code datumB} the value.
     */
    public record ArgCmp(int arg, int op, long datumA, long datumB) {
    }

    /** libseccomp.so.2 could not be loaded. */
    public static final class NotInstalledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotInstalledException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An {@code SCMP_ACT_ERRNO(errno)} action; only the low 16 bits of {@code errno} are kept. */
    public static int actErrno(int errno) {
        return 0x00050000 | (errno & 0xffff);
    }

    /** An {@code SCMP_ACT_TRACE(msg)} action; only the low 16 bits of {@code msg} are kept. */
    public static int actTrace(int msg) {
        return 0x7ff00000 | (msg & 0xffff);
    }

    /**
     * Whether the running kernel accepts the seccomp filter {@code flag}, probed the way
     * libseccomp does (sys_chk_seccomp_flag): {@code seccomp(SECCOMP_SET_MODE_FILTER, flag, NULL)}
     * fails with EFAULT when the flag is known (the NULL program is read after the flags are
     * checked) and EINVAL when it is not. Nothing is ever installed. Needs no libseccomp.
     */
    public static boolean kernelAcceptsFilterFlag(int flag) {
        final int seccompSetModeFilter = 1;
        final int efault = 14;
        try (NativeScope s = new NativeScope()) {
            long rc = RawSyscall.call(s, SyscallNumbers.SECCOMP, seccompSetModeFilter, Integer.toUnsignedLong(flag), 0, 0, 0);
            return rc == -1 && s.lastErrno() == efault;
        }
    }

    /** True when libseccomp.so.2 can be loaded. */
    public static boolean isInstalled() {
        return Library.LOOKUP != null;
    }

    /**
     * Loads the library if needed.
     *
     * @throws NotInstalledException "libseccomp.so.2 is not installed (apt-get install libseccomp2)"
     */
    public static void require() {
        requireLibrary();
    }

    /** seccomp_version(3). */
    public static Version version() {
        requireLibrary();
        try {
            MemorySegment v = ((MemorySegment) VersionFn.H.invokeExact()).reinterpret(12);
            return new Version(v.get(JAVA_INT, 0), v.get(JAVA_INT, 4), v.get(JAVA_INT, 8));
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /** seccomp_arch_native(3): the token of the architecture this process runs as. */
    public static int archNative() {
        requireLibrary();
        try {
            return (int) ArchNative.H.invokeExact();
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /** seccomp_arch_resolve_name(3), e.g. {@code "x86_64"}; 0 when libseccomp does not know the name. */
    public static int archResolveName(String name) {
        requireLibrary();
        try (NativeScope s = new NativeScope()) {
            return (int) ArchResolveName.H.invokeExact(s.cstr(name));
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /**
     * seccomp_syscall_resolve_name(3) for the native architecture: the number, a negative
     * pseudo-number for a call this architecture does not have (libseccomp translates it for the
     * others in a filter), or {@link #NR_SCMP_ERROR} for a name libseccomp does not know.
     */
    public static int syscallResolveName(String name) {
        requireLibrary();
        try (NativeScope s = new NativeScope()) {
            return (int) SyscallResolveName.H.invokeExact(s.cstr(name));
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /**
     * seccomp_syscall_resolve_name_arch(3): the number of {@code name} on {@code arch} (for x32
     * with bit 30 set), a negative pseudo-number, or {@link #NR_SCMP_ERROR}.
     */
    public static int syscallResolveNameArch(int arch, String name) {
        requireLibrary();
        try (NativeScope s = new NativeScope()) {
            return (int) SyscallResolveNameArch.H.invokeExact(arch, s.cstr(name));
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /**
     * {@link #syscallResolveName} for each of {@code names}, in one native scope (a profile has
     * hundreds of names).
     */
    public static int[] syscallResolveNames(List<String> names) {
        requireLibrary();
        int[] numbers = new int[names.size()];
        try (NativeScope s = new NativeScope()) {
            for (int i = 0; i < numbers.length; i++) {
                String name = names.get(i);
                numbers[i] = name == null ? NR_SCMP_ERROR
                        : (int) SyscallResolveName.H.invokeExact(s.arena().allocateFrom(name));
            }
            return numbers;
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /**
     * The highest number any of {@code names} has on {@code arch}, or 0 when none resolves to a
     * real number there. One native scope for the whole list: a profile has hundreds of names.
     */
    public static int highestSyscall(int arch, List<String> names) {
        requireLibrary();
        int highest = 0;
        try (NativeScope s = new NativeScope()) {
            for (int i = 0; i < names.size(); i++) {
                int nr = (int) SyscallResolveNameArch.H.invokeExact(arch, s.arena().allocateFrom(names.get(i)));
                if (nr > highest) {
                    highest = nr;
                }
            }
            return highest;
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /** seccomp_init(3): a new filter whose default action is {@code defaultAction}. */
    public static Filter init(int defaultAction) {
        requireLibrary();
        MemorySegment ctx;
        try {
            ctx = (MemorySegment) Init.H.invokeExact(defaultAction);
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
        if (ctx.equals(MemorySegment.NULL)) {
            // seccomp_init reports nothing but NULL: an action the library or kernel refuses.
            throw new SyscallException("seccomp_init", "def_action=" + hex(defaultAction), Errno.EINVAL);
        }
        return new Filter(ctx);
    }

    /**
     * A libseccomp filter context. Not thread safe: one caller builds, exports and closes it.
     * The context pointer never leaves this object and is released exactly once.
     */
    public static final class Filter implements AutoCloseable {
        private MemorySegment ctx;

        private Filter(MemorySegment ctx) {
            this.ctx = ctx;
        }

        /** seccomp_arch_add(3); returns false when the architecture was already in the filter. */
        public boolean archAdd(int arch) {
            try {
                int rc = (int) ArchAdd.H.invokeExact(ctx(), arch);
                if (rc == -Errno.EEXIST) {
                    return false;
                }
                check(rc, "seccomp_arch_add", "arch=" + hex(arch));
                return true;
            } catch (Throwable t) {
                throw NativeScope.rethrow(t);
            }
        }

        /** seccomp_arch_remove(3). */
        public void archRemove(int arch) {
            try {
                check((int) ArchRemove.H.invokeExact(ctx(), arch), "seccomp_arch_remove", "arch=" + hex(arch));
            } catch (Throwable t) {
                throw NativeScope.rethrow(t);
            }
        }

        /** seccomp_attr_set(3), e.g. {@link #FLTATR_CTL_NNP} to 0. */
        public void attrSet(int attr, int value) {
            try {
                check((int) AttrSet.H.invokeExact(ctx(), attr, value), "seccomp_attr_set",
                        "attr=" + attr + ", value=" + Integer.toUnsignedString(value));
            } catch (Throwable t) {
                throw NativeScope.rethrow(t);
            }
        }

        /**
         * seccomp_rule_add_array(3): {@code action} for {@code syscall} when all of {@code args}
         * hold. {@code what} names the rule in a failure (e.g. the system call's name).
         */
        public void ruleAdd(int action, int syscall, List<ArgCmp> args, String what) {
            MemorySegment ctx = ctx();
            int rc;
            try {
                if (args.isEmpty()) {
                    // The common case of a profile: nothing to allocate, so no arena either.
                    rc = (int) RuleAddArray.H.invokeExact(ctx, action, syscall, 0, MemorySegment.NULL);
                } else {
                    try (NativeScope s = new NativeScope()) {
                        MemorySegment array = s.arena().allocate(ARG_CMP_SIZE * args.size(), 8);
                        for (int i = 0; i < args.size(); i++) {
                            ArgCmp a = args.get(i);
                            long off = ARG_CMP_SIZE * i;
                            array.set(JAVA_INT, off, a.arg());
                            array.set(JAVA_INT, off + 4, a.op());
                            array.set(JAVA_LONG, off + 8, a.datumA());
                            array.set(JAVA_LONG, off + 16, a.datumB());
                        }
                        rc = (int) RuleAddArray.H.invokeExact(ctx, action, syscall, args.size(), array);
                    }
                }
            } catch (Throwable t) {
                throw NativeScope.rethrow(t);
            }
            if (rc < 0) {
                check(rc, "seccomp_rule_add_array", describeRule(action, syscall, args, what));
            }
        }

        /** The filter as {@code struct sock_filter[]} bytes (8 per instruction, native byte order). */
        public byte[] exportBpf() {
            MemorySegment ctx = ctx();
            if (ExportBpfMem.H != null) {
                return exportToMemory(ctx);
            }
            return exportThroughMemfd(ctx);
        }

        private static byte[] exportToMemory(MemorySegment ctx) {
            try (NativeScope s = new NativeScope()) {
                MemorySegment len = s.arena().allocate(JAVA_LONG);
                len.set(JAVA_LONG, 0, 0L);
                check((int) ExportBpfMem.H.invokeExact(ctx, MemorySegment.NULL, len), "seccomp_export_bpf_mem",
                        "buf=NULL");
                long size = len.get(JAVA_LONG, 0);
                MemorySegment buf = s.arena().allocate(Math.max(1, size), 8);
                check((int) ExportBpfMem.H.invokeExact(ctx, buf, len), "seccomp_export_bpf_mem", "len=" + size);
                return buf.asSlice(0, len.get(JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
            } catch (Throwable t) {
                throw NativeScope.rethrow(t);
            }
        }

        /**
         * libseccomp before 2.6 only writes to a descriptor: a memfd, so no size limit can block
         * it, read back through a second open of it (its own offset 0) with the ordinary reads.
         */
        private static byte[] exportThroughMemfd(MemorySegment ctx) {
            int fd = MemFd.create("jrunc-seccomp-bpf");
            int reader = -1;
            try {
                check((int) ExportBpf.H.invokeExact(ctx, fd), "seccomp_export_bpf", "fd=" + fd);
                reader = Files.open("/proc/self/fd/" + fd, Files.O_RDONLY);
                ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
                while (true) {
                    byte[] chunk = Files.read(reader, 65536);
                    if (chunk.length == 0) {
                        return out.toByteArray();
                    }
                    out.write(chunk, 0, chunk.length);
                }
            } catch (Throwable t) {
                throw NativeScope.rethrow(t);
            } finally {
                Files.closeQuietly(reader);
                Files.closeQuietly(fd);
            }
        }

        /** seccomp_release(3); idempotent. */
        @Override
        public void close() {
            MemorySegment c = ctx;
            if (c == null) {
                return;
            }
            ctx = null;
            try {
                Release.H.invokeExact(c);
            } catch (Throwable t) {
                throw NativeScope.rethrow(t);
            }
        }

        private MemorySegment ctx() {
            if (ctx == null) {
                throw new IllegalStateException("the seccomp filter was already released");
            }
            return ctx;
        }
    }

    private static String describeRule(int action, int syscall, List<ArgCmp> args, String what) {
        StringBuilder sb = new StringBuilder();
        sb.append("action=").append(hex(action)).append(", syscall=").append(syscall);
        if (what != null) {
            sb.append(" (").append(what).append(')');
        }
        for (int i = 0; i < args.size(); i++) {
            ArgCmp a = args.get(i);
            sb.append(i == 0 ? ", args=[" : ", ").append("arg").append(a.arg()).append(' ').append(opName(a.op()))
                    .append(' ').append(Long.toUnsignedString(a.datumA()));
            if (a.op() == CMP_MASKED_EQ) {
                sb.append(' ').append(Long.toUnsignedString(a.datumB()));
            }
        }
        if (!args.isEmpty()) {
            sb.append(']');
        }
        return sb.toString();
    }

    private static String opName(int op) {
        return switch (op) {
            case CMP_NE -> "NE";
            case CMP_LT -> "LT";
            case CMP_LE -> "LE";
            case CMP_EQ -> "EQ";
            case CMP_GE -> "GE";
            case CMP_GT -> "GT";
            case CMP_MASKED_EQ -> "MASKED_EQ";
            default -> "op" + op;
        };
    }

    private static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }

    /** Turns libseccomp's negative-errno convention into a SyscallException. */
    private static int check(int rc, String function, String arguments) {
        if (rc < 0) {
            throw new SyscallException(function, arguments, -rc);
        }
        return rc;
    }

    private static void requireLibrary() {
        if (Library.LOOKUP == null) {
            throw new NotInstalledException(Library.MISSING, Library.FAILURE);
        }
    }

    /** Opens {@code soname} for the life of the process, or explains in one line why it cannot. */
    static SymbolLookup open(String soname) {
        try {
            return SymbolLookup.libraryLookup(soname, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new NotInstalledException(soname + " is not installed (apt-get install libseccomp2)", e);
        }
    }

    /** The loaded library, or why it could not be loaded; initialised on the first call. */
    private static final class Library {
        static final SymbolLookup LOOKUP;
        static final String MISSING;
        static final NotInstalledException FAILURE;

        static {
            SymbolLookup lookup = null;
            NotInstalledException failure = null;
            try {
                lookup = open(SONAME);
            } catch (NotInstalledException e) {
                failure = e;
            }
            LOOKUP = lookup;
            FAILURE = failure;
            MISSING = failure == null ? null : failure.getMessage();
        }

        private Library() {
        }
    }

    // One holder class per function, each initialised on its first call (always after
    // requireLibrary succeeded): a handle costs milliseconds to make in a cold JVM, and a compile
    // needs only some of them.

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        Optional<MemorySegment> symbol = Library.LOOKUP.find(name);
        if (symbol.isEmpty()) {
            throw new UnsatisfiedLinkError(SONAME + " has no symbol " + name);
        }
        return Linker.nativeLinker().downcallHandle(symbol.get(), descriptor);
    }

    private static final class VersionFn {
        static final MethodHandle H = handle("seccomp_version", FunctionDescriptor.of(ADDRESS));
    }

    private static final class ArchNative {
        static final MethodHandle H = handle("seccomp_arch_native", FunctionDescriptor.of(JAVA_INT));
    }

    private static final class ArchResolveName {
        static final MethodHandle H = handle("seccomp_arch_resolve_name", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class SyscallResolveName {
        static final MethodHandle H = handle("seccomp_syscall_resolve_name", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static final class SyscallResolveNameArch {
        static final MethodHandle H = handle("seccomp_syscall_resolve_name_arch",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    private static final class Init {
        static final MethodHandle H = handle("seccomp_init", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private static final class Release {
        static final MethodHandle H = handle("seccomp_release", FunctionDescriptor.ofVoid(ADDRESS));
    }

    private static final class ArchAdd {
        static final MethodHandle H = handle("seccomp_arch_add", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class ArchRemove {
        static final MethodHandle H = handle("seccomp_arch_remove", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    private static final class AttrSet {
        static final MethodHandle H = handle("seccomp_attr_set",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    private static final class RuleAddArray {
        static final MethodHandle H = handle("seccomp_rule_add_array",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    }

    private static final class ExportBpf {
        static final MethodHandle H = handle("seccomp_export_bpf", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }

    /** libseccomp 2.6 and later; null before (2.5.4 only writes to a descriptor). */
    private static final class ExportBpfMem {
        static final MethodHandle H = Library.LOOKUP.find("seccomp_export_bpf_mem").isEmpty() ? null
                : handle("seccomp_export_bpf_mem", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    }
}

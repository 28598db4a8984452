package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * setns(2), unshare(2) and the UTS names. In a JVM these act on the calling thread only, which
 * is why the runtime does host-side container work on a dedicated platform thread (see
 * docs/architecture.md); user namespaces cannot be entered from a JVM at all.
 */
public final class Namespaces {
    public static final int CLONE_NEWTIME = 0x80;
    public static final int CLONE_FS = 0x200;
    public static final int CLONE_NEWNS = 0x20000;
    public static final int CLONE_NEWCGROUP = 0x02000000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWUSER = 0x10000000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_NEWNET = 0x40000000;

    private Namespaces() {
    }

    public static void setns(int fd, int nstype) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) Setns.H.invokeExact(s.errno, fd, nstype), "setns",
                    "fd=" + fd + ", nstype=0x" + Integer.toHexString(nstype));
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    public static void unshare(int flags) {
        try (NativeScope s = new NativeScope()) {
            s.check((int) Unshare.H.invokeExact(s.errno, flags), "unshare", "flags=0x" + Integer.toHexString(flags));
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    public static void sethostname(String name) {
        try (NativeScope s = new NativeScope()) {
            byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s.check((int) Sethostname.H.invokeExact(s.errno, s.bytes(b), (long) b.length), "sethostname",
                    "name=\"" + name + "\"");
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    public static void setdomainname(String name) {
        try (NativeScope s = new NativeScope()) {
            byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s.check((int) Setdomainname.H.invokeExact(s.errno, s.bytes(b), (long) b.length), "setdomainname",
                    "name=\"" + name + "\"");
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    // One holder class per function, initialised on its first call: a downcall handle costs
    // milliseconds to make in a cold JVM, and one command needs only a few of them.

    private static final class Setns {
        static final MethodHandle H = Libc.errnoCall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Unshare {
        static final MethodHandle H = Libc.errnoCall("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class Sethostname {
        static final MethodHandle H = Libc.errnoCall("sethostname",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    }

    private static final class Setdomainname {
        static final MethodHandle H = Libc.errnoCall("setdomainname",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    }
}

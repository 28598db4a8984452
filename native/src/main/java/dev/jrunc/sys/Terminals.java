package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Pseudo-terminals: a pty pair from a given ptmx (the container's own devpts instance) and its
 * window size. The ioctl numbers are the generic ones, the same on x86_64 and arm64.
 */
public final class Terminals {
    private static final long TIOCGWINSZ = 0x5413;
    private static final long TIOCSWINSZ = 0x5414;
    /** glibc's struct termios (the same 60 bytes on x86_64 and arm64), with room to spare. */
    private static final long TERMIOS_SIZE = 64;
    private static final int TCSANOW = 0;
    private static final long TIOCSPTLCK = 0x40045431L;
    private static final long TIOCGPTN = 0x80045430L;
    private static final long TIOCGPTPEER = 0x5441;

    private Terminals() {
    }

    /** A master and slave pty, both close-on-exec; {@code number} is N of /dev/pts/N. */
    public record Pty(int master, int slave, int number) {
    }

    /**
     * Opens a new pty from {@code ptmx}. The slave is opened from the master (TIOCGPTPEER), so it
     * is the peer of exactly this master, whatever the path /dev/pts resolves to.
     */
    public static Pty open(String ptmx) {
        int master = Files.open(ptmx, Files.O_RDWR | Files.O_NOCTTY);
        try (NativeScope s = new NativeScope()) {
            MemorySegment value = s.arena().allocate(JAVA_INT);
            value.set(JAVA_INT, 0, 0);
            s.check(ioctl(s, master, TIOCSPTLCK, RawSyscall.addr(value)), "ioctl", "fd=" + master + ", TIOCSPTLCK, 0");
            s.check(ioctl(s, master, TIOCGPTN, RawSyscall.addr(value)), "ioctl", "fd=" + master + ", TIOCGPTN");
            int number = value.get(JAVA_INT, 0);
            int slave = (int) s.check(ioctl(s, master, TIOCGPTPEER, Files.O_RDWR | Files.O_NOCTTY | Files.O_CLOEXEC),
                    "ioctl", "fd=" + master + ", TIOCGPTPEER");
            return new Pty(master, slave, number);
        } catch (RuntimeException | Error e) {
            Files.closeQuietly(master);
            throw e;
        }
    }

    /** A terminal's saved settings (an opaque struct termios), as {@link #makeRaw} found them. */
    public record Mode(byte[] termios) {
    }

    /** A window size in rows and columns. */
    public record Size(int rows, int columns) {
    }

    /** TIOCGWINSZ: the size of the terminal on {@code fd}; empty when {@code fd} is no terminal. */
    public static Optional<Size> size(int fd) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment winsize = s.arena().allocate(8, 2);
            if (ioctl(s, fd, TIOCGWINSZ, RawSyscall.addr(winsize)) < 0) {
                return Optional.empty();
            }
            return Optional.of(new Size(winsize.get(JAVA_SHORT, 0), winsize.get(JAVA_SHORT, 2)));
        }
    }

    /**
     * Puts the terminal on {@code fd} in raw mode (cfmakeraw) and returns its previous settings;
     * empty, and nothing changed, when {@code fd} is no terminal (tcgetattr fails with ENOTTY).
     */
    public static Optional<Mode> makeRaw(int fd) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment termios = s.arena().allocate(TERMIOS_SIZE, 8);
            if ((int) Tcgetattr.H.invokeExact(s.errno, fd, termios) < 0) {
                if (s.lastErrno() == Errno.ENOTTY) {
                    return Optional.empty();
                }
                s.check(-1, "tcgetattr", "fd=" + fd);
            }
            Mode saved = new Mode(termios.toArray(JAVA_BYTE));
            Cfmakeraw.H.invokeExact(termios);
            s.check((int) Tcsetattr.H.invokeExact(s.errno, fd, TCSANOW, termios), "tcsetattr", "fd=" + fd + ", raw");
            return Optional.of(saved);
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /** Gives the terminal on {@code fd} the settings {@link #makeRaw} saved. */
    public static void restore(int fd, Mode mode) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment termios = s.arena().allocate(TERMIOS_SIZE, 8);
            MemorySegment.copy(mode.termios(), 0, termios, JAVA_BYTE, 0, mode.termios().length);
            s.check((int) Tcsetattr.H.invokeExact(s.errno, fd, TCSANOW, termios), "tcsetattr", "fd=" + fd + ", restore");
        } catch (Throwable t) {
            throw NativeScope.rethrow(t);
        }
    }

    /** TIOCSWINSZ: the terminal's size in rows and columns. */
    public static void setSize(int fd, int rows, int columns) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment winsize = s.arena().allocate(8, 2);
            winsize.set(JAVA_SHORT, 0, (short) rows);
            winsize.set(JAVA_SHORT, 2, (short) columns);
            s.check(ioctl(s, fd, TIOCSWINSZ, RawSyscall.addr(winsize)), "ioctl",
                    "fd=" + fd + ", TIOCSWINSZ, " + rows + "x" + columns);
        }
    }

    private static long ioctl(NativeScope s, int fd, long request, long arg) {
        return RawSyscall.call(s, SyscallNumbers.IOCTL, fd, request, arg);
    }

    // What stays on libc, one holder class per function, initialised on its first call: glibc's
    // struct termios is not the kernel's (TCGETS/TCSETS), tcgetattr/tcsetattr translate between
    // them, and cfmakeraw works on glibc's.

    private static final class Tcgetattr {
        static final MethodHandle H = Libc.errnoCall("tcgetattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    private static final class Tcsetattr {
        static final MethodHandle H = Libc.errnoCall("tcsetattr",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    }

    private static final class Cfmakeraw {
        static final MethodHandle H = Libc.plainCall("cfmakeraw", FunctionDescriptor.ofVoid(ADDRESS));
    }
}

package dev.jrunc.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * AF_UNIX sockets with descriptor passing (SCM_RIGHTS): the channel to the namespace helper and
 * the console socket protocol.
 */
public final class Sockets {
    private static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = Files.O_CLOEXEC;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    // struct msghdr and struct cmsghdr on LP64 Linux.
    private static final long MSGHDR_SIZE = 56;
    private static final long CMSG_HDR = 16;
    private static final long CMSG_SPACE_ONE_FD = 24;

    private Sockets() {
    }

    /** One received message and the descriptor that came with it, or -1. */
    public record Packet(byte[] data, int fd) {
    }

    /** A connected AF_UNIX pair of {@code type}, both ends close-on-exec. */
    public static int[] socketpair(int type) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment fds = s.arena().allocate(JAVA_INT, 2);
            s.check(RawSyscall.call(s, SyscallNumbers.SOCKETPAIR, AF_UNIX, type | SOCK_CLOEXEC, 0,
                    RawSyscall.addr(fds)), "socketpair", "AF_UNIX, type=" + type);
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        }
    }

    /** Connects a new AF_UNIX stream socket to the socket file at {@code path}. */
    public static int connect(String path) {
        try (NativeScope s = new NativeScope()) {
            int fd = (int) s.check(RawSyscall.call(s, SyscallNumbers.SOCKET, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0),
                    "socket", "AF_UNIX");
            byte[] p = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (p.length >= 108) {
                Files.closeQuietly(fd);
                throw new SyscallException("connect", "path=\"" + path + "\"", Errno.EINVAL);
            }
            MemorySegment addr = s.arena().allocate(110);
            addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(p, 0, addr, ValueLayout.JAVA_BYTE, 2, p.length);
            long r = RawSyscall.call(s, SyscallNumbers.CONNECT, fd, RawSyscall.addr(addr), 110);
            if (r < 0) {
                int e = s.lastErrno();
                Files.closeQuietly(fd);
                throw new SyscallException("connect", "path=\"" + path + "\"", e);
            }
            return fd;
        }
    }

    /** Sends {@code data} as one message, with {@code passFd} attached unless it is negative. */
    public static void send(int sock, byte[] data, int passFd) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment iov = s.arena().allocate(16, 8);
            iov.set(ADDRESS, 0, s.bytes(data));
            iov.set(JAVA_LONG, 8, data.length);
            MemorySegment mh = s.arena().allocate(MSGHDR_SIZE, 8);
            mh.set(ADDRESS, 16, iov);
            mh.set(JAVA_LONG, 24, 1);
            if (passFd >= 0) {
                MemorySegment control = s.arena().allocate(CMSG_SPACE_ONE_FD, 8);
                control.set(JAVA_LONG, 0, CMSG_HDR + 4);
                control.set(JAVA_INT, 8, SOL_SOCKET);
                control.set(JAVA_INT, 12, SCM_RIGHTS);
                control.set(JAVA_INT, CMSG_HDR, passFd);
                mh.set(ADDRESS, 32, control);
                mh.set(JAVA_LONG, 40, CMSG_SPACE_ONE_FD);
            }
            while (true) {
                long n = RawSyscall.call(s, SyscallNumbers.SENDMSG, sock, RawSyscall.addr(mh), MSG_NOSIGNAL);
                if (n < 0 && s.lastErrno() == Errno.EINTR) {
                    continue;
                }
                s.check(n, "sendmsg", "fd=" + sock + ", bytes=" + data.length + (passFd >= 0 ? ", SCM_RIGHTS fd=" + passFd : ""));
                return;
            }
        }
    }

    /** Receives one message of at most {@code max} bytes; an empty packet with fd -1 means the peer closed. */
    public static Packet receive(int sock, int max) {
        try (NativeScope s = new NativeScope()) {
            MemorySegment buf = s.arena().allocate(max);
            MemorySegment iov = s.arena().allocate(16, 8);
            iov.set(ADDRESS, 0, buf);
            iov.set(JAVA_LONG, 8, max);
            MemorySegment control = s.arena().allocate(CMSG_SPACE_ONE_FD, 8);
            MemorySegment mh = s.arena().allocate(MSGHDR_SIZE, 8);
            mh.set(ADDRESS, 16, iov);
            mh.set(JAVA_LONG, 24, 1);
            mh.set(ADDRESS, 32, control);
            mh.set(JAVA_LONG, 40, CMSG_SPACE_ONE_FD);
            long n;
            while (true) {
                n = RawSyscall.call(s, SyscallNumbers.RECVMSG, sock, RawSyscall.addr(mh), MSG_CMSG_CLOEXEC);
                if (n < 0 && s.lastErrno() == Errno.EINTR) {
                    continue;
                }
                s.check(n, "recvmsg", "fd=" + sock);
                break;
            }
            int fd = -1;
            long controlLen = mh.get(JAVA_LONG, 40);
            if (controlLen >= CMSG_HDR + 4 && control.get(JAVA_INT, 8) == SOL_SOCKET
                    && control.get(JAVA_INT, 12) == SCM_RIGHTS) {
                fd = control.get(JAVA_INT, CMSG_HDR);
            }
            return new Packet(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), fd);
        }
    }
}

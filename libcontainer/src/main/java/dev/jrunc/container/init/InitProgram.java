package dev.jrunc.container.init;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One packet of operations for the native helper (native/src/main/c/nsexec.c), built in the
 * order they must run. Each operation keeps a description so a failure reported by the helper
 * names what failed, e.g. {@code setresuid(1000)}.
 */
public final class InitProgram {
    /** Operation codes; must match {@code enum op} in nsexec.c. */
    enum Op {
        SETNS(1), UNSHARE(2), WRITE_FILE(3), FORK(4), FSMOUNT(5), CHDIR(6), CHROOT(7), SETGROUPS(8),
        SETRESGID(9), SETRESUID(10), UMASK(11), PRCTL(12), CAPSET(13), SETRLIMIT(14), SECCOMP(15),
        WAIT_FD(16), CLOSE(17), EXEC(18), REPORT(19), CLOSE_FROM(20), DUP2(21), SETSID(22), SET_CTTY(23),
        RECV_FD(24), JOIN_KEYRING(26), SCHED_SETATTR(27), IOPRIO_SET(28), PERSONALITY(29), SET_AFFINITY(30),
        WRITE_PROC(31), RUN(32), ERROR_FD(33), SETNS_FD(34);

        final int code;

        Op(int code) {
            this.code = code;
        }
    }

    private final ByteArrayOutputStream packet = new ByteArrayOutputStream();
    private final List<String> descriptions = new ArrayList<>();

    public InitProgram setns(int nstype, String path) {
        return add(Op.SETNS, "setns(" + path + ")", new Payload().u32(nstype).str(path));
    }

    /** {@link #setns(int, String)} for a namespace config.json names at {@code field}. */
    public InitProgram setns(int nstype, String path, String field) {
        return add(Op.SETNS, field + ": setns(" + path + ")", new Payload().u32(nstype).str(path));
    }

    /** setns(2) on the helper's descriptor {@code fd} (which it then closes); {@code description} names it in errors. */
    public InitProgram setnsFd(int nstype, int fd, String description) {
        return add(Op.SETNS_FD, description, new Payload().u32(nstype).u32(fd));
    }

    public InitProgram unshare(int flags) {
        return add(Op.UNSHARE, "unshare(0x" + Integer.toHexString(flags) + ")", new Payload().u32(flags));
    }

    public InitProgram writeFile(String path, String content) {
        return writeFile(path, content, "write " + path);
    }

    /** Writes {@code content} to the existing file {@code path}; a failure is reported as {@code description}. */
    public InitProgram writeFile(String path, String content, String description) {
        return add(Op.WRITE_FILE, description, new Payload().str(path).raw(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Forks; the helper's parent reports the child's pid and exits, the child runs what follows. */
    public InitProgram fork() {
        return add(Op.FORK, "fork", new Payload().u32(-1));
    }

    /**
     * {@link #fork()} with the child born in the cgroup whose directory is open as the helper's
     * descriptor {@code cgroupFd} (which the fork consumes): clone3 with CLONE_INTO_CGROUP, or on
     * kernels before 5.7 the helper joins it and forks. No process of the runtime is ever moved
     * into, or charged to, the container's cgroup. {@code cgroup} names it in errors.
     */
    public InitProgram forkInto(int cgroupFd, String cgroup) {
        return add(Op.FORK, "fork into cgroup " + cgroup, new Payload().u32(cgroupFd));
    }

    /**
     * Creates a detached mount of {@code fstype} in the helper's namespaces; the helper sends its
     * fd back. {@code params} are fsconfig key/value pairs (an empty value sets a flag).
     */
    public InitProgram fsmount(String fstype, String source, List<String[]> params, long attrs, String description) {
        Payload p = new Payload().u32((int) attrs).u32(params.size()).str(fstype).str(source == null ? "" : source);
        for (String[] kv : params) {
            p.str(kv[0]).str(kv[1]);
        }
        return add(Op.FSMOUNT, description, p);
    }

    public InitProgram chdir(String path) {
        return add(Op.CHDIR, "chdir to cwd (" + path + ")", new Payload().str(path));
    }

    public InitProgram chroot(String path) {
        return add(Op.CHROOT, "chroot(" + path + ")", new Payload().str(path));
    }

    public InitProgram setgroups(List<Integer> gids) {
        Payload p = new Payload().u32(gids.size());
        gids.forEach(p::u32);
        return add(Op.SETGROUPS, "setgroups(" + gids + ")", p);
    }

    public InitProgram setresgid(int gid) {
        return add(Op.SETRESGID, "setresgid(" + Integer.toUnsignedString(gid) + ")", new Payload().u32(gid));
    }

    public InitProgram setresuid(int uid) {
        return add(Op.SETRESUID, "setresuid(" + Integer.toUnsignedString(uid) + ")", new Payload().u32(uid));
    }

    public InitProgram umask(int mask) {
        return add(Op.UMASK, "umask(0" + Integer.toOctalString(mask) + ")", new Payload().u32(mask));
    }

    public InitProgram prctl(int option, long arg2, long arg3, String description) {
        return add(Op.PRCTL, description, new Payload().u32(option).u64(arg2).u64(arg3).u64(0).u64(0));
    }

    /** capset(2) with 64-bit effective, permitted and inheritable masks. */
    public InitProgram capset(long effective, long permitted, long inheritable) {
        Payload p = new Payload();
        for (long mask : new long[] {effective, permitted, inheritable}) {
            p.u32((int) mask).u32((int) (mask >>> 32));
        }
        return add(Op.CAPSET, "capset(effective=0x" + Long.toHexString(effective) + ", permitted=0x"
                + Long.toHexString(permitted) + ", inheritable=0x" + Long.toHexString(inheritable) + ")", p);
    }

    public InitProgram setrlimit(int resource, long soft, long hard, String name) {
        return add(Op.SETRLIMIT, "setrlimit(" + name + ", soft=" + Long.toUnsignedString(soft) + ", hard="
                + Long.toUnsignedString(hard) + ")", new Payload().u32(resource).u64(soft).u64(hard));
    }

    /**
     * Installs a classic BPF seccomp program ({@code struct sock_filter[]} bytes). With
     * SECCOMP_FILTER_FLAG_NEW_LISTENER the notify fd comes back like a mount fd, and the helper
     * closes its own copy.
     */
    public InitProgram seccomp(int flags, byte[] program) {
        return add(Op.SECCOMP, "seccomp(SECCOMP_SET_MODE_FILTER, flags=" + flags + ")", new Payload().u32(flags).raw(program));
    }

    /** Blocks until one byte can be read from {@code fd}: the init's wait for `start`. */
    public InitProgram waitFd(int fd) {
        return add(Op.WAIT_FD, "wait for start on fd " + fd, new Payload().u32(fd));
    }

    public InitProgram close(int fd) {
        return add(Op.CLOSE, "close(" + fd + ")", new Payload().u32(fd));
    }

    public InitProgram closeFrom(int fd) {
        return add(Op.CLOSE_FROM, "close_range(" + fd + ", ~0)", new Payload().u32(fd));
    }

    public InitProgram dup2(int from, int to) {
        return add(Op.DUP2, "dup2(" + from + ", " + to + ")", new Payload().u32(from).u32(to));
    }

    public InitProgram setsid() {
        return add(Op.SETSID, "setsid", new Payload());
    }

    public InitProgram setControllingTerminal(int fd) {
        return add(Op.SET_CTTY, "ioctl(" + fd + ", TIOCSCTTY)", new Payload().u32(fd));
    }

    /** Takes the descriptor sent in the next packet and places it at {@code target}. */
    public InitProgram receiveFd(int target) {
        return add(Op.RECV_FD, "receive fd as " + target, new Payload().u32(target));
    }

    /** Joins a new session keyring named {@code name} (keyctl KEYCTL_JOIN_SESSION_KEYRING). */
    public InitProgram joinSessionKeyring(String name) {
        return add(Op.JOIN_KEYRING, "join session keyring " + name, new Payload().str(name));
    }

    /**
     * sched_setattr(2) on the calling process with a {@code struct sched_attr} of these fields
     * (no utilisation clamps).
     */
    public InitProgram schedSetattr(int policy, int priority, int nice, long flags, long runtime, long deadline,
            long period, String description) {
        return add(Op.SCHED_SETATTR, description, new Payload().u32(policy).u32(priority).u32(nice).u64(flags)
                .u64(runtime).u64(deadline).u64(period));
    }

    /** ioprio_set(2). */
    public InitProgram ioprioSet(int which, int who, int ioprio, String description) {
        return add(Op.IOPRIO_SET, description, new Payload().u32(which).u32(who).u32(ioprio));
    }

    /** personality(2). */
    public InitProgram personality(int persona, String description) {
        return add(Op.PERSONALITY, description, new Payload().u32(persona));
    }

    /** sched_setaffinity(2) on the calling process; {@code mask} is a kernel cpumask, CPU n at bit n%8 of byte n/8. */
    public InitProgram setAffinity(byte[] mask, String description) {
        return add(Op.SET_AFFINITY, description, new Payload().raw(mask));
    }

    /** Writes {@code content} to {@code path}, which must be a file of a procfs (an LSM attribute). */
    public InitProgram writeProcFile(String path, String content, String description) {
        return add(Op.WRITE_PROC, description, new Payload().str(path).raw(content.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Runs a program and waits for it, failing when it fails: {@code name} starts every message
     * about it, {@code stdin} is its standard input, {@code timeoutMillis} (0 for none) kills it.
     */
    public InitProgram run(String name, String path, List<String> args, List<String> env, byte[] stdin,
            long timeoutMillis) {
        Payload p = new Payload().u32((int) Math.min(Math.max(timeoutMillis, 0), Integer.MAX_VALUE)).u32(args.size())
                .u32(env.size()).str(name).str(path);
        args.forEach(p::str);
        env.forEach(p::str);
        return add(Op.RUN, name, p.raw(stdin));
    }

    /**
     * From here on, a failure that cannot be reported (nobody reads the channel any more) is
     * written to {@code fd} instead of stderr; {@code fd} becomes close-on-exec.
     */
    public InitProgram errorFd(int fd) {
        return add(Op.ERROR_FD, "report failures to fd " + fd, new Payload().u32(fd));
    }

    /** Sends a report with {@code tag} when reached, so Java learns everything before it succeeded. */
    public InitProgram report(int tag) {
        return add(Op.REPORT, "report " + tag, new Payload().u32(tag));
    }

    public InitProgram exec(String path, List<String> args, List<String> env) {
        Payload p = new Payload().u32(args.size()).u32(env.size()).str(path);
        args.forEach(p::str);
        env.forEach(p::str);
        return add(Op.EXEC, "exec " + path, p);
    }

    int size() {
        return descriptions.size();
    }

    String describe(int index) {
        return index >= 0 && index < descriptions.size() ? descriptions.get(index) : "operation " + index;
    }

    byte[] encode() {
        return packet.toByteArray();
    }

    private InitProgram add(Op op, String description, Payload payload) {
        byte[] body = payload.bytes();
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        head.putInt(op.code).putInt(body.length);
        packet.writeBytes(head.array());
        packet.writeBytes(body);
        descriptions.add(description);
        return this;
    }

    /** The payload of one operation in the helper's wire format. */
    private static final class Payload {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Payload u32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array());
            return this;
        }

        Payload u64(long v) {
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array());
            return this;
        }

        Payload str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            for (byte x : b) {
                if (x == 0) {
                    throw new IllegalArgumentException("string with a NUL byte: " + s.replace('\0', '@'));
                }
            }
            out.writeBytes(b);
            out.write(0);
            return this;
        }

        Payload raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}

/*
 * jrunc-nsexec: the one process jrunc runs that is not a JVM.
 *
 * A JVM is multithreaded before main(), so it can neither run Java after fork nor enter a user
 * namespace (docs/architecture.md). This helper is single-threaded and does only what needs
 * that: it executes, in order, the operations the Java side sends over a SOCK_SEQPACKET socket
 * (argv[1]). Every decision is made in Java; here each operation is one or two system calls
 * (RUN, a startContainer hook, is a fork, an exec and a wait).
 *
 * Message format (host byte order): a packet is a sequence of operations, each
 *   u32 op, u32 length, payload[length]
 * Strings in payloads are NUL-terminated. After the last operation of a packet the helper
 * replies REPLY_OK; when an operation fails it replies REPLY_ERROR, skips the rest of the packet
 * and waits for the next one. It exits when Java closes the socket.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/magic.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

enum op {
    OP_SETNS = 1,      /* u32 nstype, str path */
    OP_UNSHARE = 2,    /* u32 flags */
    OP_WRITE_FILE = 3, /* str path, then raw bytes to end */
    OP_FORK = 4,       /* u32 cgroup dir fd or -1: parent replies REPLY_PID and exits; child goes on */
    OP_FSMOUNT = 5,    /* u32 attrs, u32 nparams, str fstype, str source, (str key, str value)* */
    OP_CHDIR = 6,      /* str path */
    OP_CHROOT = 7,     /* str path */
    OP_SETGROUPS = 8,  /* u32 n, u32 gid[n] */
    OP_SETRESGID = 9,  /* u32 gid */
    OP_SETRESUID = 10, /* u32 uid */
    OP_UMASK = 11,     /* u32 mask */
    OP_PRCTL = 12,     /* u32 option, u64 arg2, u64 arg3, u64 arg4, u64 arg5 */
    OP_CAPSET = 13,    /* u32 effective[2], permitted[2], inheritable[2] */
    OP_SETRLIMIT = 14, /* u32 resource, u64 soft, u64 hard */
    OP_SECCOMP = 15,   /* u32 flags, then struct sock_filter[] to end; a listener fd is sent back */
    OP_WAIT_FD = 16,   /* u32 fd: block until one byte can be read */
    OP_CLOSE = 17,     /* u32 fd */
    OP_EXEC = 18,      /* u32 argc, u32 envc, str path, str argv[argc], str envp[envc] */
    OP_REPORT = 19,    /* u32 tag: reply REPLY_REPORT now and go on */
    OP_CLOSE_FROM = 20,/* u32 fd: close every descriptor >= fd */
    OP_DUP2 = 21,      /* u32 oldfd, u32 newfd */
    OP_SETSID = 22,
    OP_SET_CTTY = 23,  /* u32 fd */
    OP_RECV_FD = 24,   /* u32 target: take one fd from the next packet, dup2 it to target */
    OP_JOIN_KEYRING = 26, /* str name: a new session keyring, so the host's is not shared */
    OP_SCHED_SETATTR = 27, /* u32 policy, u32 priority, u32 nice, u64 flags, runtime, deadline, period */
    OP_IOPRIO_SET = 28,    /* u32 which, u32 who, u32 ioprio */
    OP_PERSONALITY = 29,   /* u32 persona */
    OP_SET_AFFINITY = 30,  /* cpu mask bytes to end */
    OP_WRITE_PROC = 31,    /* str path, then raw bytes to end: a file that must be on procfs */
    OP_RUN = 32,           /* u32 timeout_ms, u32 argc, u32 envc, str name, str path, str argv[argc],
                              str envp[envc], then its stdin to end: run a program and wait for it */
    OP_ERROR_FD = 33,      /* u32 fd: once Java is gone, failures go there instead of stderr */
    OP_SETNS_FD = 34,      /* u32 nstype, u32 fd: setns on a descriptor Java opened, then close it */
};

enum reply { REPLY_OK = 1, REPLY_ERROR = 2, REPLY_PID = 3, REPLY_FD = 4, REPLY_REPORT = 5 };

#define MAX_MSG (1 << 20)

static int sock = -1;
/* Where a failure goes, instead of stderr, once nobody reads the socket (`start` waiting on
 * startContainer hooks). */
static int error_fd = -1;
static unsigned char msg[MAX_MSG];

/* Returns 0, or -1 when the message could not be delivered (nobody reads any more). */
static int send_packet(const void *data, size_t len, int fd)
{
    struct iovec iov = { .iov_base = (void *)data, .iov_len = len };
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } control;
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (fd >= 0) {
        memset(&control, 0, sizeof(control));
        mh.msg_control = control.buf;
        mh.msg_controllen = sizeof(control.buf);
        struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof(int));
    }
    /* MSG_NOSIGNAL: after `create` has exited nobody reads, and that must not kill the init. */
    ssize_t n;
    while ((n = sendmsg(sock, &mh, MSG_NOSIGNAL)) < 0 && errno == EINTR)
        ;
    return n < 0 ? -1 : 0;
}

static void reply2(uint32_t type, uint32_t value)
{
    uint32_t r[2] = { type, value };
    send_packet(r, sizeof(r), -1);
}

/* Reports a failed operation to Java, which decides what happens next (usually it ends this
 * process). When Java is gone (an exec failing after `create` returned), the failure goes to
 * stderr and the process exits with 255, runc's status for a failed exec. */
static void fail(uint32_t index, uint32_t op, int err, const char *detail)
{
    unsigned char buf[4 * 4 + 512];
    uint32_t head[4] = { REPLY_ERROR, index, op, (uint32_t)err };
    size_t dl = detail ? strnlen(detail, 511) : 0;
    memcpy(buf, head, sizeof(head));
    memcpy(buf + sizeof(head), detail ? detail : "", dl);
    buf[sizeof(head) + dl] = 0;
    if (send_packet(buf, sizeof(head) + dl + 1, -1) < 0) {
        /* err 0: the detail is the whole message (a program that failed, not a system call). */
        char line[640];
        int n = !err ? snprintf(line, sizeof(line), "%s\n", detail ? detail : "")
                : dl ? snprintf(line, sizeof(line), "%s: %s\n", detail, strerror(err))
                     : snprintf(line, sizeof(line), "init operation %u failed: %s\n", op, strerror(err));
        n = n < 0 ? 0 : n >= (int)sizeof(line) ? (int)sizeof(line) - 1 : n;
        if (error_fd < 0)
            dprintf(2, "jrunc: %.*s", n, line);
        else /* `start` reports it */
            while (write(error_fd, line, n) < 0 && errno == EINTR)
                ;
        _exit(255);
    }
}

struct reader { unsigned char *p, *end; int bad; };

static uint32_t u32(struct reader *r)
{
    uint32_t v = 0;
    if (r->end - r->p < 4) { r->bad = 1; return 0; }
    memcpy(&v, r->p, 4);
    r->p += 4;
    return v;
}

static uint64_t u64(struct reader *r)
{
    uint64_t v = 0;
    if (r->end - r->p < 8) { r->bad = 1; return 0; }
    memcpy(&v, r->p, 8);
    r->p += 8;
    return v;
}

static char *str(struct reader *r)
{
    char *s = (char *)r->p;
    unsigned char *nul = memchr(r->p, 0, r->end - r->p);
    if (!nul) { r->bad = 1; return ""; }
    r->p = nul + 1;
    return s;
}

static ssize_t recv_packet(int *fd_out)
{
    struct iovec iov = { .iov_base = msg, .iov_len = sizeof(msg) };
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } control;
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                         .msg_controllen = sizeof(control.buf) };
    ssize_t n;
    while ((n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
        ;
    if (fd_out) {
        *fd_out = -1;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
                memcpy(fd_out, CMSG_DATA(c), sizeof(int));
    }
    return n;
}

/* fsopen/fsconfig/fsmount: run here so the superblock belongs to this process's user, pid,
 * network and ipc namespaces, which a JVM thread can only partly enter. */
static int make_mount(struct reader *r, char *err, size_t errlen)
{
    uint32_t attrs = u32(r), nparams = u32(r);
    char *fstype = str(r), *source = str(r);
    int fs = syscall(SYS_fsopen, fstype, 1 /* FSOPEN_CLOEXEC */);
    if (fs < 0)
        return -1;
    int rc = 0;
    if (*source && syscall(SYS_fsconfig, fs, 1 /* SET_STRING */, "source", source, 0) < 0)
        rc = -1;
    for (uint32_t i = 0; rc == 0 && i < nparams && !r->bad; i++) {
        char *key = str(r), *value = str(r);
        if (*value)
            rc = syscall(SYS_fsconfig, fs, 1 /* SET_STRING */, key, value, 0);
        else
            rc = syscall(SYS_fsconfig, fs, 0 /* SET_FLAG */, key, NULL, 0);
        if (rc < 0)
            snprintf(err, errlen, "%s option %s%s%s", fstype, key, *value ? "=" : "", value);
    }
    if (rc == 0 && syscall(SYS_fsconfig, fs, 6 /* CMD_CREATE */, NULL, NULL, 0) < 0)
        rc = -1;
    int mnt = rc == 0 ? syscall(SYS_fsmount, fs, 1 /* FSMOUNT_CLOEXEC */, attrs) : -1;
    int saved = errno;
    if (mnt < 0) {
        /* The kernel explains fs_context failures in messages readable from the fs fd. */
        char log[256];
        ssize_t n = read(fs, log, sizeof(log) - 1);
        if (n > 2) {
            log[n - (log[n - 1] == '\n')] = 0;
            snprintf(err, errlen, "%s", log + 2);
        } else if (!*err) {
            snprintf(err, errlen, "%s on %s", fstype, *source ? source : "(no source)");
        }
    }
    close(fs);
    errno = saved;
    return mnt;
}

/* Writes a /proc file (an LSM attribute) refusing anything that is not procfs: a container that
 * replaced /proc must not turn a label into a write to some ordinary file (CVE-2019-16884). */
static int write_proc(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return -1;
    struct statfs st;
    int rc = fstatfs(fd, &st);
    if (rc == 0 && st.f_type != PROC_SUPER_MAGIC) {
        errno = EXDEV;
        rc = -1;
    }
    if (rc == 0)
        rc = write(fd, data, len) == (ssize_t)len ? 0 : -1;
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* The first non-empty line of a captured stream, trimmed, for an error message. */
static void first_line(int fd, char *out, size_t outlen)
{
    char buf[4096];
    ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
    out[0] = 0;
    if (n <= 0)
        return;
    buf[n] = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        while (*line == ' ' || *line == '\t' || *line == '\r')
            line++;
        size_t l = strlen(line);
        while (l && (line[l - 1] == ' ' || line[l - 1] == '\t' || line[l - 1] == '\r'))
            line[--l] = 0;
        if (l) {
            snprintf(out, outlen, ": %.200s%s", line, l > 200 ? "..." : "");
            return;
        }
    }
}

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif

/* struct clone_args of Linux 5.7 (CLONE_ARGS_SIZE_VER2), declared here: glibc declares none. */
struct clone_args_v2 {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
        set_tid_size, cgroup;
};

/*
 * fork(), with the child born in the cgroup directory open as `cgroup` (consumed: closed in
 * parent and child) unless it is -1. clone3 with CLONE_INTO_CGROUP takes only the read side of
 * the kernel's cgroup_threadgroup_rwsem; moving a process by writing cgroup.procs takes the
 * write side, which waits out an RCU grace period (6 to 15 ms per create or exec on the
 * development machine). The helper itself stays where jrunc started it, so nothing of the
 * runtime is charged to the container. The cgroup comes as a descriptor Java opened, because
 * the helper may already be in the container's mount namespace. Kernels before 5.7 refuse the
 * call (ENOSYS, or E2BIG for the larger struct): there the helper moves itself and forks.
 */
static pid_t fork_into(int cgroup)
{
    if (cgroup < 0)
        return fork();
    struct clone_args_v2 args;
    memset(&args, 0, sizeof(args));
    args.flags = CLONE_INTO_CGROUP;
    args.exit_signal = SIGCHLD;
    args.cgroup = (uint64_t)cgroup;
    pid_t pid = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
    if (pid < 0 && (errno == ENOSYS || errno == E2BIG)) {
        int w = openat(cgroup, "cgroup.procs", O_WRONLY | O_CLOEXEC);
        int moved = w >= 0 && write(w, "0", 1) == 1;
        int saved = errno;
        if (w >= 0)
            close(w);
        errno = saved;
        pid = moved ? fork() : -1;
    }
    int saved = errno;
    close(cgroup);
    errno = saved;
    return pid;
}

/* Runs a program in this process's namespaces and credentials (a startContainer hook) and waits
 * for it. It gets the rest of the payload on stdin, captured stdout and stderr, and no other
 * descriptor; it is killed at its timeout. Returns -1 with errno 0 when the program ran but
 * failed: err then holds the whole message. */
static int run_program(struct reader *r, char *err, size_t errlen)
{
    uint32_t timeout_ms = u32(r), argc = u32(r), envc = u32(r);
    char *name = str(r), *path = str(r);
    char **argv = calloc(argc + 1, sizeof(char *)), **envp = calloc(envc + 1, sizeof(char *));
    int in = -1, out = -1, errout = -1, report[2] = { -1, -1 }, pidfd = -1, rc = -1;
    if (!argv || !envp)
        goto done;
    for (uint32_t i = 0; i < argc; i++)
        argv[i] = str(r);
    for (uint32_t i = 0; i < envc; i++)
        envp[i] = str(r);
    if (r->bad) {
        errno = EBADMSG;
        goto done;
    }
    snprintf(err, errlen, "%s", name);
    in = syscall(SYS_memfd_create, "jrunc-hook-stdin", MFD_CLOEXEC);
    out = syscall(SYS_memfd_create, "jrunc-hook-stdout", MFD_CLOEXEC);
    errout = syscall(SYS_memfd_create, "jrunc-hook-stderr", MFD_CLOEXEC);
    if (in < 0 || out < 0 || errout < 0 || pipe2(report, O_CLOEXEC) < 0)
        goto done;
    size_t len = r->end - r->p;
    if (write(in, r->p, len) != (ssize_t)len || lseek(in, 0, SEEK_SET) < 0)
        goto done;
    pid_t pid = fork();
    if (pid < 0)
        goto done;
    if (pid == 0) {
        /* Everything from 3 up closes at exec; the report pipe stays usable until then. */
        if (dup2(in, 0) >= 0 && dup2(out, 1) >= 0 && dup2(errout, 2) >= 0
            && syscall(SYS_close_range, 3, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) == 0)
            execve(path, argv, envp);
        int e = errno;
        while (write(report[1], &e, sizeof(e)) < 0 && errno == EINTR)
            ;
        _exit(127);
    }
    close(report[1]);
    report[1] = -1;
    int exec_errno = 0;
    ssize_t n;
    while ((n = read(report[0], &exec_errno, sizeof(exec_errno))) < 0 && errno == EINTR)
        ;
    int timed_out = 0;
    if (n != sizeof(exec_errno) && timeout_ms) {
        pidfd = syscall(SYS_pidfd_open, pid, 0);
        struct pollfd p = { .fd = pidfd, .events = POLLIN };
        int ready;
        while (pidfd >= 0 && (ready = poll(&p, 1, (int)timeout_ms)) < 0 && errno == EINTR)
            ;
        if (pidfd < 0 || ready == 0) {
            kill(pid, SIGKILL);
            timed_out = pidfd >= 0;
        }
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (n == sizeof(exec_errno)) {
        errno = exec_errno;
        snprintf(err, errlen, "%s: exec %s", name, path);
        goto done;
    }
    if (pidfd < 0 && timeout_ms) {
        snprintf(err, errlen, "%s: pidfd_open for its timeout", name);
        errno = ENOSYS;
        goto done;
    }
    if (!timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        rc = 0;
        goto done;
    }
    char line[256];
    first_line(errout, line, sizeof(line));
    if (timed_out)
        snprintf(err, errlen, "%s timed out after %us", name, timeout_ms / 1000);
    else if (WIFEXITED(status))
        snprintf(err, errlen, "%s failed: exit status %d%s", name, WEXITSTATUS(status), line);
    else
        snprintf(err, errlen, "%s failed: killed by signal %d%s", name, WTERMSIG(status), line);
    errno = 0;
done:;
    int saved = errno;
    int fds[] = { in, out, errout, report[0], report[1], pidfd };
    for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
        if (fds[i] >= 0)
            close(fds[i]);
    free(argv);
    free(envp);
    errno = saved;
    return rc;
}

static void run_packet(ssize_t len)
{
    struct reader r = { msg, msg + len, 0 };
    for (uint32_t index = 0; r.p < r.end; index++) {
        uint32_t op = u32(&r), oplen = u32(&r);
        if (r.bad || (size_t)(r.end - r.p) < oplen) {
            fail(index, op, EBADMSG, "truncated operation");
            return;
        }
        struct reader a = { r.p, r.p + oplen, 0 };
        r.p += oplen;
        char err[256] = "";
        int rc = 0;
        switch (op) {
        case OP_SETNS: {
            uint32_t type = u32(&a);
            char *path = str(&a);
            int fd = open(path, O_RDONLY | O_CLOEXEC);
            rc = fd < 0 ? -1 : setns(fd, (int)type);
            int saved = errno;
            if (fd >= 0)
                close(fd);
            errno = saved;
            break;
        }
        case OP_UNSHARE:
            rc = unshare((int)u32(&a));
            break;
        case OP_SETNS_FD: {
            uint32_t type = u32(&a);
            int fd = (int)u32(&a);
            rc = setns(fd, (int)type);
            int saved = errno;
            close(fd);
            errno = saved;
            break;
        }
        case OP_WRITE_FILE: {
            char *path = str(&a);
            int fd = open(path, O_WRONLY | O_CLOEXEC);
            rc = fd < 0 ? -1 : (write(fd, a.p, a.end - a.p) == a.end - a.p ? 0 : -1);
            int saved = errno;
            if (fd >= 0)
                close(fd);
            errno = saved;
            snprintf(err, sizeof(err), "write %s", path);
            break;
        }
        case OP_FORK: {
            /* The child waits for the parent to exit so Java always reads REPLY_PID first. */
            int cgroup = (int)u32(&a);
            int order[2];
            if (pipe2(order, O_CLOEXEC) < 0) {
                rc = -1;
                break;
            }
            pid_t pid = fork_into(cgroup);
            if (pid < 0) {
                rc = -1;
                break;
            }
            if (pid > 0) {
                reply2(REPLY_PID, (uint32_t)pid);
                _exit(0);
            }
            close(order[1]);
            char c;
            while (read(order[0], &c, 1) < 0 && errno == EINTR)
                ;
            close(order[0]);
            break;
        }
        case OP_FSMOUNT: {
            int mnt = make_mount(&a, err, sizeof(err));
            if (mnt < 0) {
                rc = -1;
                break;
            }
            uint32_t rep[2] = { REPLY_FD, index };
            send_packet(rep, sizeof(rep), mnt);
            close(mnt);
            break;
        }
        case OP_CHDIR:
            rc = chdir(str(&a));
            break;
        case OP_CHROOT:
            rc = chroot(str(&a));
            break;
        case OP_SETGROUPS: {
            uint32_t n = u32(&a);
            gid_t gids[1024];
            if (n > 1024) {
                errno = E2BIG;
                rc = -1;
                break;
            }
            for (uint32_t i = 0; i < n; i++)
                gids[i] = u32(&a);
            rc = setgroups(n, gids);
            break;
        }
        case OP_SETRESGID: {
            gid_t g = u32(&a);
            rc = setresgid(g, g, g);
            break;
        }
        case OP_SETRESUID: {
            uid_t u = u32(&a);
            rc = setresuid(u, u, u);
            break;
        }
        case OP_UMASK:
            umask(u32(&a));
            break;
        case OP_PRCTL: {
            uint32_t option = u32(&a);
            uint64_t a2 = u64(&a), a3 = u64(&a), a4 = u64(&a), a5 = u64(&a);
            rc = prctl((int)option, a2, a3, a4, a5);
            break;
        }
        case OP_CAPSET: {
            struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
            struct __user_cap_data_struct d[2];
            for (int i = 0; i < 2; i++)
                d[i].effective = u32(&a);
            for (int i = 0; i < 2; i++)
                d[i].permitted = u32(&a);
            for (int i = 0; i < 2; i++)
                d[i].inheritable = u32(&a);
            rc = syscall(SYS_capset, &h, d);
            break;
        }
        case OP_SETRLIMIT: {
            uint32_t res = u32(&a);
            struct rlimit lim;
            lim.rlim_cur = u64(&a);
            lim.rlim_max = u64(&a);
            rc = setrlimit((int)res, &lim);
            break;
        }
        case OP_SECCOMP: {
            uint32_t flags = u32(&a);
            struct sock_fprog prog = { .len = (unsigned short)((a.end - a.p) / sizeof(struct sock_filter)),
                                       .filter = (struct sock_filter *)a.p };
            rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
            if (rc >= 0 && (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER)) {
                /* The notify fd goes to Java for the listener; the container must never hold it. */
                uint32_t rep[2] = { REPLY_FD, index };
                int sent = send_packet(rep, sizeof(rep), rc);
                close(rc);
                rc = sent;
                snprintf(err, sizeof(err), "sending the seccomp notify fd");
            }
            break;
        }
        case OP_WAIT_FD: {
            int fd = (int)u32(&a);
            char c;
            ssize_t n;
            while ((n = read(fd, &c, 1)) < 0 && errno == EINTR)
                ;
            if (n != 1) {
                if (n == 0)
                    errno = EPIPE;
                rc = -1;
            }
            break;
        }
        case OP_CLOSE:
            rc = close((int)u32(&a));
            break;
        case OP_EXEC: {
            uint32_t argc = u32(&a), envc = u32(&a);
            char *path = str(&a);
            char **argv = calloc(argc + 1, sizeof(char *));
            char **envp = calloc(envc + 1, sizeof(char *));
            if (!argv || !envp) {
                rc = -1;
                break;
            }
            for (uint32_t i = 0; i < argc; i++)
                argv[i] = str(&a);
            for (uint32_t i = 0; i < envc; i++)
                envp[i] = str(&a);
            if (a.bad) {
                errno = EBADMSG;
                rc = -1;
                break;
            }
            execve(path, argv, envp);
            rc = -1;
            snprintf(err, sizeof(err), "exec %s", path);
            break;
        }
        case OP_REPORT:
            reply2(REPLY_REPORT, u32(&a));
            break;
        case OP_CLOSE_FROM:
            rc = syscall(SYS_close_range, u32(&a), ~0U, 0);
            break;
        case OP_DUP2: {
            int from = (int)u32(&a), to = (int)u32(&a);
            rc = from == to ? fcntl(from, F_SETFD, 0) : dup2(from, to);
            break;
        }
        case OP_SETSID:
            rc = setsid() < 0 ? -1 : 0;
            break;
        case OP_SET_CTTY:
            rc = ioctl((int)u32(&a), TIOCSCTTY, 0);
            break;
        case OP_RECV_FD: {
            int target = (int)u32(&a), fd = -1;
            /* The fd arrives alone in its own packet; the rest of this packet is still in msg,
             * so receive into a small side buffer instead of msg. */
            struct iovec iov = { .iov_base = err, .iov_len = sizeof(err) };
            union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } control;
            struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                                 .msg_controllen = sizeof(control.buf) };
            while ((rc = recvmsg(sock, &mh, 0)) < 0 && errno == EINTR)
                ;
            for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
                    memcpy(&fd, CMSG_DATA(c), sizeof(int));
            err[0] = 0;
            if (rc >= 0 && fd < 0) {
                errno = EBADMSG;
                rc = -1;
            } else if (rc >= 0) {
                rc = fd == target ? 0 : dup2(fd, target);
                if (fd != target)
                    close(fd);
                rc = rc < 0 ? -1 : 0;
            }
            break;
        }
        case OP_JOIN_KEYRING:
            rc = syscall(SYS_keyctl, 1 /* KEYCTL_JOIN_SESSION_KEYRING */, str(&a)) < 0 ? -1 : 0;
            break;
        case OP_SCHED_SETATTR: {
            /* struct sched_attr as of Linux 5.3 (SCHED_ATTR_SIZE_VER1); no utilisation clamps. */
            struct { uint32_t size, policy; uint64_t flags; int32_t nice; uint32_t priority;
                     uint64_t runtime, deadline, period; uint32_t util_min, util_max; } attr = { .size = 56 };
            attr.policy = u32(&a);
            attr.priority = u32(&a);
            attr.nice = (int32_t)u32(&a);
            attr.flags = u64(&a);
            attr.runtime = u64(&a);
            attr.deadline = u64(&a);
            attr.period = u64(&a);
            rc = a.bad ? -1 : syscall(SYS_sched_setattr, 0, &attr, 0);
            break;
        }
        case OP_IOPRIO_SET: {
            uint32_t which = u32(&a), who = u32(&a), ioprio = u32(&a);
            rc = syscall(SYS_ioprio_set, which, who, ioprio);
            break;
        }
        case OP_PERSONALITY:
            rc = personality(u32(&a)) < 0 ? -1 : 0;
            break;
        case OP_SET_AFFINITY:
            rc = sched_setaffinity(0, a.end - a.p, (cpu_set_t *)a.p);
            break;
        case OP_WRITE_PROC: {
            char *path = str(&a);
            rc = a.bad ? -1 : write_proc(path, a.p, a.end - a.p);
            snprintf(err, sizeof(err), "write %s", path);
            break;
        }
        case OP_RUN:
            rc = run_program(&a, err, sizeof(err));
            break;
        case OP_ERROR_FD:
            error_fd = (int)u32(&a);
            rc = fcntl(error_fd, F_SETFD, FD_CLOEXEC);
            break;
        default:
            errno = EINVAL;
            rc = -1;
            snprintf(err, sizeof(err), "unknown operation");
        }
        if (a.bad) {
            errno = EBADMSG;
            rc = -1;
            snprintf(err, sizeof(err), "malformed operation");
        }
        if (rc < 0) {
            fail(index, op, errno, err);
            return; /* the rest of the packet depended on this operation */
        }
    }
    reply2(REPLY_OK, 0);
}

/*
 * jrunc spawns this helper without posix_spawn attributes (each attribute call would cost the
 * JVM a native stub of its own to link), so the signal state it inherits is the JVM thread's:
 * SIGQUIT and others blocked, whatever the runtime's caller ignored, and glibc's two internal
 * signals (32, 33), which its posix_spawn leaves ignored in every child. Everything the helper
 * starts (a container's init, an exec'd process) must begin with none blocked or ignored, as
 * with runc. The kernel call, because glibc's sigaction refuses its internal signals; an
 * all-zero struct is SIG_DFL with no flags and an empty mask on every architecture.
 */
static void reset_signals(void)
{
    static const unsigned long dfl[8];
    sigset_t none;

    for (int sig = 1; sig < _NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP)
            syscall(SYS_rt_sigaction, sig, dfl, NULL, (size_t) (_NSIG / 8));
    }
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

int main(int argc, char **argv)
{
    reset_signals();
    if (argc < 2) {
        dprintf(2, "jrunc-nsexec is started by jrunc, not by hand\n");
        return 2;
    }
    sock = atoi(argv[1]);
    /* jrunc passes the socket above every number it will place descriptors at (it spawns this
     * helper without file actions); argv[2] is where the socket belongs. */
    if (argc > 2 && atoi(argv[2]) != sock) {
        int target = atoi(argv[2]);
        if (dup3(sock, target, O_CLOEXEC) < 0) {
            dprintf(2, "jrunc-nsexec: dup3(%d, %d): %s\n", sock, target, strerror(errno));
            return 1;
        }
        close(sock);
        sock = target;
    }
    /* Nothing in a container may open this process through /proc while it runs. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    fcntl(sock, F_SETFD, FD_CLOEXEC);
    for (;;) {
        ssize_t n = recv_packet(NULL);
        if (n <= 0)
            _exit(n == 0 ? 0 : 1); /* Java closed the channel: nothing more to do */
        run_packet(n);
    }
}

package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessesTest {

    private static int sleeper() {
        return Spawn.spawn("/bin/sleep", List.of("sleep", "30"), List.of(), List.of());
    }

    @Test
    void pidfdSendSignalKillsTheChild() {
        int pid = sleeper();
        int pidfd = -1;
        try {
            pidfd = Processes.pidfdOpen(pid);
            assertTrue(NativeTestSupport.fdTarget(pidfd).contains("pidfd"), NativeTestSupport.fdTarget(pidfd));
            assertFalse(Poll.await(pidfd, Poll.POLLIN, 0), "a live process's pidfd must not be readable");
            assertEquals(-1, Processes.waitpid(pid, true), "WNOHANG on a running child");
            Processes.pidfdSendSignal(pidfd, Processes.SIGKILL);
            assertTrue(Poll.await(pidfd, Poll.POLLIN, 10_000), "the pidfd did not become readable on exit");
            int status = Processes.waitpid(pid, false);
            assertEquals(128 + 9, Processes.exitCode(status));
            pid = -1;
        } finally {
            Files.closeQuietly(pidfd);
            if (pid > 0) {
                Processes.kill(pid, Processes.SIGKILL);
                Processes.waitpid(pid, false);
            }
        }
    }

    @Test
    void killWithSigterm() {
        int pid = sleeper();
        Processes.kill(pid, Processes.SIGTERM);
        assertEquals(128 + 15, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)));
    }

    @Test
    void signallingAReapedProcessThroughItsPidfdFailsWithEsrch() {
        int pid = Spawn.spawn("/bin/true", List.of("true"), List.of(), List.of());
        int pidfd = Processes.pidfdOpen(pid);
        try {
            assertEquals(0, Processes.exitCode(NativeTestSupport.waitWithDeadline(pid, 10_000)));
            SyscallException e = assertThrows(SyscallException.class,
                    () -> Processes.pidfdSendSignal(pidfd, Processes.SIGKILL));
            assertEquals(Errno.ESRCH, e.errno());
            assertEquals("pidfd_send_signal(pidfd=" + pidfd + ", sig=9): No such process (ESRCH)", e.getMessage());
        } finally {
            Files.close(pidfd);
        }
    }

    @Test
    void pidfdOpenOfANonexistentPidFails() {
        SyscallException e = assertThrows(SyscallException.class, () -> Processes.pidfdOpen(Integer.MAX_VALUE));
        assertEquals(Errno.ESRCH, e.errno());
        assertEquals("pidfd_open", e.syscall());
    }

    @Test
    void waitpidForANonChildFailsWithEchild() {
        SyscallException e = assertThrows(SyscallException.class, () -> Processes.waitpid(1, true));
        assertEquals(Errno.ECHILD, e.errno());
        assertEquals("waitpid(pid=1): No child processes (ECHILD)", e.getMessage());
    }

    @Test
    void exitCodeDecodesRawWaitStatuses() {
        assertEquals(0, Processes.exitCode(0));
        assertEquals(3, Processes.exitCode(3 << 8));
        assertEquals(255, Processes.exitCode(255 << 8));
        assertEquals(137, Processes.exitCode(9));
        assertEquals(143, Processes.exitCode(15));
        // WCOREDUMP (0x80) does not change the signal.
        assertEquals(128 + 11, Processes.exitCode(11 | 0x80));
    }

    @Test
    void currentPidIsThisJvm() {
        assertEquals(ProcessHandle.current().pid(), Processes.currentPid());
    }

    @Test
    void killOfANonexistentPidFailsNamingIt() {
        SyscallException e = assertThrows(SyscallException.class, () -> Processes.kill(Integer.MAX_VALUE, 0));
        assertEquals(Errno.ESRCH, e.errno());
        assertEquals("kill(pid=" + Integer.MAX_VALUE + ", sig=0): No such process (ESRCH)", e.getMessage());
    }

    @Test
    void schedSetaffinityOfTheCallingThreadPinsIt() {
        assumeTrue(cpusAllowed().matches("0([-,].*)?"), "CPU 0 is not in this process's cpuset (" + cpusAllowed() + ")");
        String allowed = NativeTestSupport.onOwnThread(() -> {
            Processes.schedSetaffinity(0, new byte[] {1});
            return cpusAllowed();
        });
        assertEquals("0", allowed);
    }

    /** The calling thread's Cpus_allowed_list, e.g. "0-1". */
    private static String cpusAllowed() {
        for (String l : NativeTestSupport.readString("/proc/thread-self/status").split("\n")) {
            if (l.startsWith("Cpus_allowed_list:")) {
                return l.substring("Cpus_allowed_list:".length()).trim();
            }
        }
        throw new IllegalStateException("no Cpus_allowed_list in /proc/thread-self/status");
    }

    @Test
    void schedSetaffinityWithNoCpuFailsNamingIt() {
        SyscallException e = assertThrows(SyscallException.class, () -> Processes.schedSetaffinity(0, new byte[8]));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("sched_setaffinity(pid=0, 8-byte mask): Invalid argument (EINVAL)", e.getMessage());
    }
}

package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    /** The fs id (fourth column) of the "Uid:" or "Gid:" line of /proc/thread-self/status. */
    private static String fsId(String line) {
        for (String l : NativeTestSupport.readString("/proc/thread-self/status").split("\n")) {
            if (l.startsWith(line)) {
                return l.substring(line.length()).trim().split("\\s+")[3];
            }
        }
        throw new IllegalStateException(line + " missing from /proc/thread-self/status");
    }

    @Test
    void setFsIdsChangesOnlyTheCallingThread() {
        assumeTrue(NativeTestSupport.isRoot(), NativeTestSupport.NEEDS_ROOT);
        String[] ids = NativeTestSupport.onOwnThread(() -> {
            Credentials.setFsIds(1234, 2345);
            return new String[] {fsId("Uid:"), fsId("Gid:")};
        });
        assertEquals("1234", ids[0]);
        assertEquals("2345", ids[1]);
        assertEquals("0", fsId("Uid:"), "the test thread's fsuid changed");
        assertEquals("0", fsId("Gid:"), "the test thread's fsgid changed");
    }

    @Test
    void anIdTheKernelRefusesIsReported() {
        // -1 is never a valid id: the kernel keeps the old one, which is how failure shows.
        SyscallException e = assertThrows(SyscallException.class, () -> NativeTestSupport.onOwnThread(() -> {
            Credentials.setFsIds(-1, -1);
            return null;
        }));
        assertEquals(Errno.EPERM, e.errno());
        assertEquals("setfsuid/setfsgid(uid=-1, gid=-1): Operation not permitted (EPERM)", e.getMessage());
    }
}

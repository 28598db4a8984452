package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class NamespacesTest {
    private static final String HOSTNAME = "/proc/sys/kernel/hostname";
    private static final String DOMAINNAME = "/proc/sys/kernel/domainname";

    @Test
    void namesSetInAnUnsharedUtsNamespaceStayThereAndSetnsLeavesIt() {
        assumeTrue(NativeTestSupport.isRoot(), NativeTestSupport.NEEDS_ROOT);
        String hostName = NativeTestSupport.readString(HOSTNAME);
        String hostDomain = NativeTestSupport.readString(DOMAINNAME);

        String[] seen = NativeTestSupport.onOwnThread(() -> {
            Namespaces.unshare(Namespaces.CLONE_NEWUTS);
            // Never name the host: stop unless this thread really is in a namespace of its own.
            assertNotEquals(NativeTestSupport.namespace("self", "uts"), NativeTestSupport.namespace("thread-self", "uts"));
            Namespaces.sethostname("jrunc-unit-host");
            Namespaces.setdomainname("jrunc-unit.domain");
            String inside = NativeTestSupport.readString(HOSTNAME) + NativeTestSupport.readString(DOMAINNAME);
            // /proc/self is the thread group leader's, still in the host's namespace.
            int hostUts = Files.open("/proc/self/ns/uts", Files.O_RDONLY);
            try {
                Namespaces.setns(hostUts, Namespaces.CLONE_NEWUTS);
            } finally {
                Files.close(hostUts);
            }
            return new String[] {inside, NativeTestSupport.readString(HOSTNAME)};
        });

        assertEquals("jrunc-unit-host\njrunc-unit.domain\n", seen[0]);
        assertEquals(hostName, seen[1], "setns did not bring the thread back to the host's names");
        assertEquals(hostName, NativeTestSupport.readString(HOSTNAME), "the host's hostname changed");
        assertEquals(hostDomain, NativeTestSupport.readString(DOMAINNAME), "the host's domainname changed");
    }

    @Test
    void setnsOnADescriptorOfAnotherKindNamesIt() {
        int fd = Files.open("/proc/self/ns/uts", Files.O_RDONLY);
        try {
            SyscallException e = assertThrows(SyscallException.class, () -> Namespaces.setns(fd, Namespaces.CLONE_NEWNET));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("setns(fd=" + fd + ", nstype=0x40000000): Invalid argument (EINVAL)", e.getMessage());
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void unshareOfTheAddressSpaceInAThreadedProcessFailsNamingTheFlags() {
        // CLONE_VM can be unshared only by a process of one thread, which a JVM never is.
        SyscallException e = assertThrows(SyscallException.class, () -> Namespaces.unshare(0x100));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("unshare(flags=0x100): Invalid argument (EINVAL)", e.getMessage());
    }

    @Test
    void aHostnameLongerThanTheKernelTakesFailsNamingIt() {
        assumeTrue(NativeTestSupport.isRoot(), NativeTestSupport.NEEDS_ROOT);
        String name = "h".repeat(65);
        SyscallException e = assertThrows(SyscallException.class, () -> NativeTestSupport.onOwnThread(() -> {
            Namespaces.unshare(Namespaces.CLONE_NEWUTS);
            Namespaces.sethostname(name);
            return null;
        }));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("sethostname(name=\"" + name + "\"): Invalid argument (EINVAL)", e.getMessage());
    }
}

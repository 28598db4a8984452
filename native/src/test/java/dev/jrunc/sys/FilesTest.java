package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesTest {
    @TempDir
    Path tmp;

    /** The "container root" inside tmp; tmp itself plays the host around it. */
    private Path root;
    private int rootFd = -1;

    @BeforeEach
    void setUp() throws IOException {
        root = java.nio.file.Files.createDirectory(tmp.resolve("root"));
        rootFd = Files.open(root.toString(), Files.O_RDONLY | Files.O_DIRECTORY);
    }

    @AfterEach
    void tearDown() {
        Files.closeQuietly(rootFd);
    }

    private static String read(int fd) {
        try {
            return NativeTestSupport.readAll(fd);
        } finally {
            Files.close(fd);
        }
    }

    // ---- openat / openat2 ------------------------------------------------------------

    @Test
    void openatAlwaysAddsCloexec() throws IOException {
        java.nio.file.Files.writeString(root.resolve("f"), "x");
        int fd = Files.openat(rootFd, "f", Files.O_RDONLY, 0);
        try {
            assertEquals(Files.O_CLOEXEC, NativeTestSupport.openFlags(fd) & Files.O_CLOEXEC);
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void openat2AlwaysAddsCloexec() throws IOException {
        java.nio.file.Files.writeString(root.resolve("f"), "x");
        int fd = Files.openat2(rootFd, "f", Files.O_RDONLY, 0, Files.RESOLVE_IN_ROOT);
        try {
            assertEquals(Files.O_CLOEXEC, NativeTestSupport.openFlags(fd) & Files.O_CLOEXEC);
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void resolveInRootKeepsDotDotInsideTheRoot() throws IOException {
        java.nio.file.Files.writeString(tmp.resolve("marker"), "outside");
        java.nio.file.Files.writeString(root.resolve("marker"), "inside");
        // Without RESOLVE_IN_ROOT ".." leaves the directory: this proves the fixture can escape.
        assertEquals("outside", read(Files.openat2(rootFd, "../marker", Files.O_RDONLY, 0, 0)));
        assertEquals("inside", read(Files.openat2(rootFd, "../marker", Files.O_RDONLY, 0, Files.RESOLVE_IN_ROOT)));
        assertEquals("inside", read(Files.openat2(rootFd, "../../../../../marker", Files.O_RDONLY, 0,
                Files.RESOLVE_IN_ROOT)));
    }

    @Test
    void resolveInRootKeepsAnAbsoluteSymlinkInsideTheRoot() throws IOException {
        java.nio.file.Files.createDirectories(root.resolve("etc"));
        java.nio.file.Files.writeString(root.resolve("etc/hostname"), "container-hostname");
        java.nio.file.Files.createSymbolicLink(root.resolve("link"), Path.of("/etc/hostname"));
        java.nio.file.Files.createSymbolicLink(root.resolve("escape"), Path.of("../../../../../.."));
        assertEquals("container-hostname",
                read(Files.openat2(rootFd, "link", Files.O_RDONLY, 0, Files.RESOLVE_IN_ROOT)));
        assertEquals("container-hostname",
                read(Files.openat2(rootFd, "/etc/hostname", Files.O_RDONLY, 0, Files.RESOLVE_IN_ROOT)));
        assertEquals("container-hostname",
                read(Files.openat2(rootFd, "escape/etc/hostname", Files.O_RDONLY, 0, Files.RESOLVE_IN_ROOT)));
    }

    @Test
    void resolveInRootMissesWhatOnlyTheHostHas() throws IOException {
        java.nio.file.Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
        assumeTrue(java.nio.file.Files.exists(Path.of("/etc/passwd")), "the host has no /etc/passwd");
        SyscallException e = assertThrows(SyscallException.class,
                () -> Files.openat2(rootFd, "passwd", Files.O_RDONLY, 0, Files.RESOLVE_IN_ROOT));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("openat2(dirfd=" + rootFd + ", path=\"passwd\", flags=00, resolve=0x10): "
                + "No such file or directory (ENOENT)", e.getMessage());
    }

    @Test
    void resolveBeneathRefusesDotDotWithExdev() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> Files.openat2(rootFd, "..", Files.O_PATH, 0, Files.RESOLVE_BENEATH));
        assertEquals(Errno.EXDEV, e.errno());
    }

    @Test
    void resolveNoSymlinksRefusesASymlink() throws IOException {
        java.nio.file.Files.writeString(root.resolve("f"), "x");
        java.nio.file.Files.createSymbolicLink(root.resolve("l"), Path.of("f"));
        SyscallException e = assertThrows(SyscallException.class,
                () -> Files.openat2(rootFd, "l", Files.O_RDONLY, 0, Files.RESOLVE_NO_SYMLINKS));
        assertEquals(Errno.ELOOP, e.errno());
    }

    @Test
    void openat2CreatesWithTheGivenMode() {
        int fd = Files.openat2(rootFd, "new", Files.O_CREAT | Files.O_EXCL | Files.O_WRONLY, 0600,
                Files.RESOLVE_IN_ROOT);
        Files.writeFully(fd, "abc".getBytes(StandardCharsets.UTF_8));
        Files.close(fd);
        Files.Stat st = Files.fstatat(rootFd, "new", 0);
        assertEquals(Files.S_IFREG, st.type());
        assertEquals(0600 & ~NativeTestSupport.umask(), st.mode() & 07777);
        SyscallException e = assertThrows(SyscallException.class, () -> Files.openat2(rootFd, "new",
                Files.O_CREAT | Files.O_EXCL | Files.O_WRONLY, 0600, Files.RESOLVE_IN_ROOT));
        assertEquals(Errno.EEXIST, e.errno());
    }

    // ---- read / write ----------------------------------------------------------------

    @Test
    void writeFullyAndReadRoundTripLargeData() throws IOException {
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        int fd = Files.openat(rootFd, "big", Files.O_CREAT | Files.O_WRONLY, 0600);
        Files.writeFully(fd, data);
        Files.close(fd);
        assertArrayEquals(data, java.nio.file.Files.readAllBytes(root.resolve("big")));

        fd = Files.openat(rootFd, "big", Files.O_RDONLY, 0);
        try {
            byte[] first = Files.read(fd, 10);
            assertArrayEquals(java.util.Arrays.copyOf(data, 10), first);
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void readReturnsEmptyAtEndOfFile() throws IOException {
        java.nio.file.Files.writeString(root.resolve("f"), "hi");
        int fd = Files.openat(rootFd, "f", Files.O_RDONLY, 0);
        try {
            assertEquals("hi", new String(Files.read(fd, 100), StandardCharsets.UTF_8));
            assertEquals(0, Files.read(fd, 100).length);
        } finally {
            Files.close(fd);
        }
    }

    @Test
    void closeOfABadDescriptorFailsWithEbadfButCloseQuietlyDoesNot() {
        SyscallException e = assertThrows(SyscallException.class, () -> Files.close(1_000_000));
        assertEquals(Errno.EBADF, e.errno());
        assertEquals("close(fd=1000000): Bad file descriptor (EBADF)", e.getMessage());
        Files.closeQuietly(1_000_000);
        Files.close(-1); // negative: nothing to close
    }

    @Test
    void setBlockingTogglesNonblock() {
        int[] pair = Sockets.socketpair(Sockets.SOCK_STREAM);
        try {
            Files.setBlocking(pair[0], false);
            assertEquals(Files.O_NONBLOCK, NativeTestSupport.openFlags(pair[0]) & Files.O_NONBLOCK);
            SyscallException e = assertThrows(SyscallException.class, () -> Files.read(pair[0], 10));
            assertEquals(Errno.EAGAIN, e.errno());
            Files.setBlocking(pair[0], true);
            assertEquals(0, NativeTestSupport.openFlags(pair[0]) & Files.O_NONBLOCK);
        } finally {
            Files.close(pair[0]);
            Files.close(pair[1]);
        }
    }

    // ---- making and inspecting files -------------------------------------------------

    @Test
    void mkdiratMakesADirectory() {
        Files.mkdirat(rootFd, "d", 0700);
        Files.Stat st = Files.fstatat(rootFd, "d", 0);
        assertTrue(st.isDirectory());
        assertEquals(Files.S_IFDIR, st.type());
        assertEquals(0700, st.mode() & 07777);
        assertTrue(java.nio.file.Files.isDirectory(root.resolve("d")));
        SyscallException e = assertThrows(SyscallException.class, () -> Files.mkdirat(rootFd, "d", 0700));
        assertEquals(Errno.EEXIST, e.errno());
        assertTrue(e.getMessage().startsWith("mkdirat(dirfd=" + rootFd + ", path=\"d\", mode=0700): File exists"),
                e.getMessage());
    }

    @Test
    void mknodatMakesAFifo() {
        Files.mknodat(rootFd, "fifo", Files.S_IFIFO | 0600, 0, 0);
        Files.Stat st = Files.fstatat(rootFd, "fifo", 0);
        assertEquals(Files.S_IFIFO, st.type());
        assertFalse(st.isDirectory());
        assertEquals(0600, st.mode() & 0777);
    }

    @Test
    void mkfifoatMakesAFifo() {
        Files.mkfifoat(rootFd, "fifo2", 0600);
        assertEquals(Files.S_IFIFO, Files.fstatat(rootFd, "fifo2", 0).type());
        SyscallException e = assertThrows(SyscallException.class, () -> Files.mkfifoat(rootFd, "fifo2", 0600));
        assertEquals(Errno.EEXIST, e.errno());
    }

    @Test
    void mknodatMakesACharacterDeviceWithItsNumbers() {
        assumeTrue(NativeTestSupport.isRoot(), NativeTestSupport.NEEDS_ROOT);
        Files.mknodat(rootFd, "null", Files.S_IFCHR | 0666, 1, 3);
        Files.Stat st = Files.fstatat(rootFd, "null", 0);
        assertEquals(Files.S_IFCHR, st.type());
        assertEquals(1, st.major());
        assertEquals(3, st.minor());
        // The kernel's dev_t keeps 12 bits of major and 20 of minor: the largest it can store
        // must survive makedev -> mknod -> stat -> major/minor.
        Files.mknodat(rootFd, "big", Files.S_IFBLK | 0600, 4095, 1_048_575);
        Files.Stat big = Files.fstatat(rootFd, "big", 0);
        assertEquals(Files.S_IFBLK, big.type());
        assertEquals(4095, big.major());
        assertEquals(1_048_575, big.minor());
        Files.mknodat(rootFd, "mid", Files.S_IFCHR | 0600, 259, 70_000);
        Files.Stat mid = Files.fstatat(rootFd, "mid", 0);
        assertEquals(259, mid.major());
        assertEquals(70_000, mid.minor());
    }

    @Test
    void makedevMatchesGlibcAndRoundTripsForLargeNumbers() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle glibcMakedev = linker.downcallHandle(linker.defaultLookup().find("gnu_dev_makedev").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        int[][] cases = {{0, 0}, {1, 3}, {8, 17}, {4095, 255}, {4096, 256}, {259, 70_000}, {0xfff, 0xfffff},
                {0x12345, 0x6789a}, {0x7fffffff, 0x7fffffff}, {0xfffff000, 0xffffff00}, {-1, -1}};
        for (int[] c : cases) {
            long dev = Files.makedev(c[0], c[1]);
            assertEquals((long) glibcMakedev.invokeExact(c[0], c[1]), dev,
                    "makedev(" + Integer.toUnsignedString(c[0]) + ", " + Integer.toUnsignedString(c[1]) + ")");
            Files.Stat st = new Files.Stat(Files.S_IFCHR, dev, 0);
            assertEquals(c[0], st.major(), "major of " + Long.toHexString(dev));
            assertEquals(c[1], st.minor(), "minor of " + Long.toHexString(dev));
        }
        assertEquals(0x103L, Files.makedev(1, 3));
    }

    @Test
    void symlinkatMakesALinkThatFstatatSeesWithoutFollowing() throws IOException {
        Files.symlinkat("target/x", rootFd, "link");
        assertEquals(Path.of("target/x"), java.nio.file.Files.readSymbolicLink(root.resolve("link")));
        assertEquals(Files.S_IFLNK, Files.fstatat(rootFd, "link", Files.AT_SYMLINK_NOFOLLOW).type());
        SyscallException dangling = assertThrows(SyscallException.class, () -> Files.fstatat(rootFd, "link", 0));
        assertEquals(Errno.ENOENT, dangling.errno());
        SyscallException exists = assertThrows(SyscallException.class, () -> Files.symlinkat("y", rootFd, "link"));
        assertEquals(Errno.EEXIST, exists.errno());
    }

    @Test
    void fstatatOfARegularFileAndOfAnFdItself() throws IOException {
        Path f = java.nio.file.Files.writeString(root.resolve("f"), "x");
        java.nio.file.Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Files.Stat st = Files.fstatat(rootFd, "f", 0);
        assertEquals(Files.S_IFREG, st.type());
        assertEquals(0640, st.mode() & 07777);
        assertEquals(((Number) java.nio.file.Files.getAttribute(f, "unix:uid")).intValue(), st.uid());
        Files.Stat self = Files.fstatat(rootFd, "", Files.AT_EMPTY_PATH);
        assertTrue(self.isDirectory());
    }

    @Test
    void fchownatChangesOwnerOfAPathAndOfAnFd() throws IOException {
        assumeTrue(NativeTestSupport.isRoot(), NativeTestSupport.NEEDS_ROOT);
        Path f = java.nio.file.Files.writeString(root.resolve("f"), "x");
        Files.fchownat(rootFd, "f", 1234, 5678, 0);
        assertEquals(1234, java.nio.file.Files.getAttribute(f, "unix:uid"));
        assertEquals(5678, java.nio.file.Files.getAttribute(f, "unix:gid"));
        assertEquals(1234, Files.fstatat(rootFd, "f", 0).uid());

        int fd = Files.openat(rootFd, "f", Files.O_PATH, 0);
        try {
            Files.fchownat(fd, "", 4321, 8765, Files.AT_EMPTY_PATH);
        } finally {
            Files.close(fd);
        }
        assertEquals(4321, java.nio.file.Files.getAttribute(f, "unix:uid"));
        assertEquals(8765, java.nio.file.Files.getAttribute(f, "unix:gid"));
    }

    @Test
    void fchownatWithNofollowChangesTheLinkNotItsTarget() throws IOException {
        assumeTrue(NativeTestSupport.isRoot(), NativeTestSupport.NEEDS_ROOT);
        Path target = java.nio.file.Files.writeString(root.resolve("target"), "x");
        java.nio.file.Files.createSymbolicLink(root.resolve("link"), Path.of("target"));
        Files.fchownat(rootFd, "link", 1111, 2222, Files.AT_SYMLINK_NOFOLLOW);
        assertEquals(0, java.nio.file.Files.getAttribute(target, "unix:uid"));
        assertEquals(1111, java.nio.file.Files.getAttribute(root.resolve("link"), "unix:uid",
                java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void fchmodAndFchmodatChangeTheMode() throws IOException {
        Path f = java.nio.file.Files.writeString(root.resolve("f"), "x");
        Files.fchmodat(rootFd, "f", 0604);
        assertEquals("rw----r--", PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(f)));
        int fd = Files.openat(rootFd, "f", Files.O_RDONLY, 0);
        try {
            Files.fchmod(fd, 0440);
        } finally {
            Files.close(fd);
        }
        assertEquals("r--r-----", PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(f)));
    }

    @Test
    void unlinkatRemovesFilesAndDirectories() throws IOException {
        java.nio.file.Files.writeString(root.resolve("f"), "x");
        java.nio.file.Files.createDirectory(root.resolve("d"));
        Files.unlinkat(rootFd, "f", 0);
        assertFalse(java.nio.file.Files.exists(root.resolve("f")));
        SyscallException e = assertThrows(SyscallException.class, () -> Files.unlinkat(rootFd, "d", 0));
        assertEquals(Errno.EISDIR, e.errno());
        Files.unlinkat(rootFd, "d", Files.AT_REMOVEDIR);
        assertFalse(java.nio.file.Files.exists(root.resolve("d")));
    }

    @Test
    void openOfAMissingPathNamesThePath() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> Files.openat(rootFd, "no/such/file", Files.O_RDONLY, 0));
        assertEquals("openat(dirfd=" + rootFd + ", path=\"no/such/file\", flags=00): No such file or directory (ENOENT)",
                e.getMessage());
        assertNotEquals(0, e.errno());
    }
}

package dev.jrunc.container.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.SyscallException;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SafePath against a hostile rootfs built in a temp dir. {@code tmp} plays the host around the
 * rootfs; every test checks that nothing outside {@code tmp/rootfs} was created or changed.
 */
class SafePathTest {
    @TempDir
    Path tmp;

    private Path root;
    private int rootFd = -1;
    private final List<Integer> fds = new ArrayList<>();
    /** A name nobody else uses, so "does not exist on the host" is meaningful. */
    private final String unique = "jrunc-safepath-" + UUID.randomUUID();
    private int uid;
    private int gid;
    private boolean isRoot;

    @BeforeEach
    void setUp() throws IOException {
        root = java.nio.file.Files.createDirectory(tmp.resolve("rootfs")).toRealPath();
        // Hostile links: an absolute link to "/", one to the host's /etc, a relative escape,
        // and a device path pointing at the host's shadow file.
        java.nio.file.Files.createSymbolicLink(root.resolve("proc"), Path.of("/"));
        java.nio.file.Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));
        java.nio.file.Files.createSymbolicLink(root.resolve("escape"), Path.of("../../.."));
        java.nio.file.Files.createDirectory(root.resolve("dev"));
        java.nio.file.Files.createSymbolicLink(root.resolve("dev/null"), Path.of("/etc/shadow"));
        java.nio.file.Files.writeString(root.resolve("marker"), "inside");
        java.nio.file.Files.writeString(tmp.resolve("marker"), "outside");
        rootFd = Files.open(root.toString(), Files.O_PATH | Files.O_DIRECTORY);
        String[] ids = java.nio.file.Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+");
        isRoot = ids[2].equals("0");
        // Root can give the directories to anybody; others can only "change" them to themselves.
        uid = isRoot ? 1234 : Integer.parseInt(ids[2]);
        gid = isRoot ? 5678 : ((Number) java.nio.file.Files.getAttribute(root, "unix:gid")).intValue();
    }

    @AfterEach
    void tearDown() {
        Files.closeQuietly(rootFd);
        fds.forEach(Files::closeQuietly);
    }

    private int keep(int fd) {
        fds.add(fd);
        return fd;
    }

    private static String where(int fd) throws IOException {
        return java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
    }

    private static int umask() throws IOException {
        return Integer.parseInt(java.nio.file.Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Umask:")).findFirst().orElseThrow().substring(6).strip(), 8);
    }

    private void assertInsideRoot(int fd) throws IOException {
        String path = where(fd);
        assertTrue(path.equals(root.toString()) || path.startsWith(root + "/"), path + " is outside " + root);
    }

    private void assertNotOnHost(String name) {
        for (Path p : List.of(Path.of("/" + name), Path.of("/etc/" + name), tmp.resolve(name), tmp.getParent().resolve(name))) {
            assertFalse(java.nio.file.Files.exists(p, LinkOption.NOFOLLOW_LINKS), p + " was created outside the root");
        }
    }

    private void assertOwned(Path p) throws IOException {
        assertEquals(uid, java.nio.file.Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), "owner of " + p);
        assertEquals(gid, java.nio.file.Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS), "group of " + p);
    }

    /** Content hash and mtime of a host file, to prove it was neither written nor truncated. */
    private static String fingerprint(Path p) throws IOException {
        if (!java.nio.file.Files.isReadable(p)) {
            return "unreadable";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(p));
            FileTime mtime = java.nio.file.Files.getLastModifiedTime(p);
            return HexFormat.of().formatHex(digest) + "@" + mtime + "/" + java.nio.file.Files.size(p);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- mkdirAll ------------------------------------------------------------------------

    @Test
    void mkdirAllCreatesMissingDirectoriesInsideTheRoot() throws IOException {
        int fd = keep(SafePath.mkdirAll(rootFd, "/a/b/c", uid, gid));
        assertEquals(root.resolve("a/b/c").toString(), where(fd));
        for (String d : List.of("a", "a/b", "a/b/c")) {
            Path p = root.resolve(d);
            assertTrue(java.nio.file.Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
            assertEquals(0755 & ~umask(), Files.fstatat(Files.AT_FDCWD, p.toString(), 0).mode() & 07777);
            assertOwned(p);
        }
        // O_PATH: good for a mount target, not for reading.
        assertEquals(Files.O_PATH, openFlags(fd) & Files.O_PATH);
    }

    @Test
    void mkdirAllKeepsWhatExists() throws IOException {
        java.nio.file.Files.createDirectories(root.resolve("x/y"));
        Object ownerBefore = java.nio.file.Files.getAttribute(root.resolve("x"), "unix:uid");
        int fd = keep(SafePath.mkdirAll(rootFd, "/x/y/z", uid, gid));
        assertEquals(root.resolve("x/y/z").toString(), where(fd));
        assertEquals(ownerBefore, java.nio.file.Files.getAttribute(root.resolve("x"), "unix:uid"));
        assertOwned(root.resolve("x/y/z"));
    }

    @Test
    void mkdirAllOfTheRootIsTheRoot() throws IOException {
        for (String p : List.of("/", "", "///", "/.")) {
            assertEquals(root.toString(), where(keep(SafePath.mkdirAll(rootFd, p, uid, gid))), "\"" + p + "\"");
        }
    }

    @Test
    void mkdirAllThroughARelativeEscapeStaysInside() throws IOException {
        int fd = keep(SafePath.mkdirAll(rootFd, "/escape/" + unique + "/sub", uid, gid));
        assertEquals(root.resolve(unique + "/sub").toString(), where(fd));
        assertTrue(java.nio.file.Files.isDirectory(root.resolve(unique + "/sub")));
        assertNotOnHost(unique);
    }

    @Test
    void mkdirAllThroughDotDotInThePathStaysInside() throws IOException {
        int fd = keep(SafePath.mkdirAll(rootFd, "/../../" + unique + "/x/../y", uid, gid));
        assertEquals(root.resolve(unique + "/y").toString(), where(fd));
        assertTrue(java.nio.file.Files.isDirectory(root.resolve(unique + "/x")));
        assertNotOnHost(unique);
    }

    @Test
    void mkdirAllThroughAnAbsoluteLinkToSlashStaysInside() throws IOException {
        int fd = keep(SafePath.mkdirAll(rootFd, "/proc/" + unique + "/self", uid, gid));
        assertEquals(root.resolve(unique + "/self").toString(), where(fd));
        assertOwned(root.resolve(unique));
        assertNotOnHost(unique);
        assertTrue(java.nio.file.Files.isSymbolicLink(root.resolve("proc")), "the link itself was replaced");
    }

    @Test
    void mkdirAllThroughEtcLinkedToEtcNeverTouchesTheHostEtc() {
        // Inside the root "/etc" is the link itself: resolving it loops.
        SyscallException e = assertThrows(SyscallException.class,
                () -> keep(SafePath.mkdirAll(rootFd, "/etc/" + unique, uid, gid)));
        assertEquals(Errno.ELOOP, e.errno());
        assertNotOnHost(unique);
        assertTrue(java.nio.file.Files.isSymbolicLink(root.resolve("etc")));
    }

    @Test
    void mkdirAllThroughAFileFailsWithEnotdir() throws IOException {
        SyscallException e = assertThrows(SyscallException.class,
                () -> keep(SafePath.mkdirAll(rootFd, "/marker/sub", uid, gid)));
        assertEquals(Errno.ENOTDIR, e.errno());
        assertEquals("inside", java.nio.file.Files.readString(root.resolve("marker")));
    }

    @Test
    void mkdirAllFollowsADanglingAbsoluteLinkInsideTheRootOnly() throws IOException {
        java.nio.file.Files.createSymbolicLink(root.resolve("dangling"), Path.of("/" + unique));

        keep(SafePath.mkdirAll(rootFd, "/dangling/sub", uid, gid));

        assertTrue(java.nio.file.Files.isDirectory(root.resolve(unique).resolve("sub")), "made inside the root");
        assertNotOnHost(unique);
    }

    // ---- mountTarget -----------------------------------------------------------------------

    @Test
    void mountTargetOfAnExistingDirectoryOpensIt() throws IOException {
        java.nio.file.Files.createDirectories(root.resolve("sys"));
        int fd = keep(SafePath.mountTarget(rootFd, "/sys", true, uid, gid));
        assertEquals(root.resolve("sys").toString(), where(fd));
    }

    @Test
    void mountTargetThroughProcLinkedToSlashIsTheRootItself() throws IOException {
        int fd = keep(SafePath.mountTarget(rootFd, "/proc", true, uid, gid));
        assertEquals(root.toString(), where(fd));
        assertTrue(java.nio.file.Files.isSymbolicLink(root.resolve("proc")));
    }

    @Test
    void mountTargetCreatesAFileAndItsParentsInsideTheRoot() throws IOException {
        int fd = keep(SafePath.mountTarget(rootFd, "/run/secrets/" + unique, false, uid, gid));
        Path file = root.resolve("run/secrets/" + unique);
        assertEquals(file.toString(), where(fd));
        assertTrue(java.nio.file.Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, java.nio.file.Files.size(file));
        assertEquals(0644 & ~umask(), Files.fstatat(Files.AT_FDCWD, file.toString(), 0).mode() & 07777);
        assertOwned(file);
        assertOwned(root.resolve("run"));
        assertNotOnHost(unique);
    }

    @Test
    void mountTargetOfAFileThroughTheEscapeLinkStaysInside() throws IOException {
        int fd = keep(SafePath.mountTarget(rootFd, "/escape/" + unique, false, uid, gid));
        assertEquals(root.resolve(unique).toString(), where(fd));
        assertNotOnHost(unique);
    }

    @Test
    void mountTargetOfDevNullLinkedToTheHostShadowNeverReachesTheHost() throws IOException {
        Path shadow = Path.of("/etc/shadow");
        String before = java.nio.file.Files.exists(shadow) ? fingerprint(shadow) : "absent";
        int fd;
        try {
            fd = keep(SafePath.mountTarget(rootFd, "/dev/null", false, uid, gid));
        } catch (SyscallException e) {
            fd = -1; // refusing is fine; what matters is where nothing happened
        }
        if (fd >= 0) {
            assertInsideRoot(fd);
        }
        assertEquals(before, java.nio.file.Files.exists(shadow) ? fingerprint(shadow) : "absent");
        assertTrue(java.nio.file.Files.isSymbolicLink(root.resolve("dev/null")));
    }

    @Test
    void mountTargetOfDevNullLinkedToShadowUsesTheRootfsShadow() throws IOException {
        // With the rootfs's own /etc in place (replacing the hostile link) the link resolves to it.
        java.nio.file.Files.delete(root.resolve("etc"));
        java.nio.file.Files.createDirectory(root.resolve("etc"));
        java.nio.file.Files.writeString(root.resolve("etc/shadow"), "container shadow");
        int fd = keep(SafePath.mountTarget(rootFd, "/dev/null", false, uid, gid));
        assertEquals(root.resolve("etc/shadow").toString(), where(fd));
        assertEquals("container shadow", java.nio.file.Files.readString(root.resolve("etc/shadow")));
    }

    @Test
    void mountTargetOfALinkToAHostOnlyFileDoesNotOpenTheHostFile() throws IOException {
        Path host = java.nio.file.Files.writeString(tmp.resolve("host-" + unique), "host content");
        java.nio.file.Files.createSymbolicLink(root.resolve("hostfile"), host);
        String before = fingerprint(host);
        int fd;
        try {
            fd = keep(SafePath.mountTarget(rootFd, "/hostfile", false, uid, gid));
        } catch (SyscallException e) {
            fd = -1;
        }
        if (fd >= 0) {
            assertInsideRoot(fd);
        }
        assertEquals(before, fingerprint(host));
    }

    @Test
    void mountTargetOfADanglingRelativeLinkCreatesItsTargetInsideTheRoot() throws IOException {
        java.nio.file.Files.delete(root.resolve("etc"));
        java.nio.file.Files.createDirectory(root.resolve("etc"));
        java.nio.file.Files.createSymbolicLink(root.resolve("etc/resolv.conf"),
                Path.of("../run/systemd/resolve/stub-resolv.conf"));
        int fd = keep(SafePath.mountTarget(rootFd, "/etc/resolv.conf", false, uid, gid));
        Path target = root.resolve("run/systemd/resolve/stub-resolv.conf");
        assertEquals(target.toString(), where(fd));
        assertTrue(java.nio.file.Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS));
        assertTrue(java.nio.file.Files.isSymbolicLink(root.resolve("etc/resolv.conf")));
    }

    @Test
    void mountTargetOfADanglingAbsoluteLinkCreatesItsTargetInsideTheRoot() throws IOException {
        java.nio.file.Files.createDirectories(root.resolve("var"));
        java.nio.file.Files.createSymbolicLink(root.resolve("var/run"), Path.of("/run"));
        int fd = keep(SafePath.mountTarget(rootFd, "/var/run", true, uid, gid));
        assertEquals(root.resolve("run").toString(), where(fd));
        assertTrue(java.nio.file.Files.isDirectory(root.resolve("run"), LinkOption.NOFOLLOW_LINKS));
        assertNotOnHost(unique);
    }

    // ---- open ---------------------------------------------------------------------------------

    @Test
    void openResolvesEveryHostileLinkInsideTheRoot() throws IOException {
        for (String path : List.of("/marker", "marker", "/../marker", "/escape/marker", "/proc/marker",
                "/proc/escape/proc/marker")) {
            int fd = SafePath.open(rootFd, path, Files.O_RDONLY);
            try {
                assertEquals("inside", new String(Files.read(fd, 100), java.nio.charset.StandardCharsets.UTF_8), path);
            } finally {
                Files.close(fd);
            }
        }
    }

    @Test
    void openRefusesMagicLinks() {
        int hostRoot = Files.open("/", Files.O_PATH | Files.O_DIRECTORY);
        try {
            SyscallException e = assertThrows(SyscallException.class,
                    () -> keep(SafePath.open(hostRoot, "/proc/self/root/etc", Files.O_PATH)));
            assertEquals(Errno.ELOOP, e.errno());
        } finally {
            Files.close(hostRoot);
        }
    }

    @Test
    void openIfExistsReturnsMinusOneOnlyForAMissingPath() {
        assertEquals(-1, SafePath.openIfExists(rootFd, "/no/such/" + unique, Files.O_PATH));
        // "etc" points at /etc, which inside the root is the link itself: resolving it loops.
        SyscallException e = assertThrows(SyscallException.class,
                () -> keep(SafePath.openIfExists(rootFd, "/etc/passwd", Files.O_PATH)));
        assertEquals(Errno.ELOOP, e.errno());
    }

    @Test
    void lstatIfExistsSeesTheLastComponentItselfWithItsParentResolvedInside() throws IOException {
        // /proc is a link to "/": the link itself is what a proc mount would land on.
        assertEquals(Files.S_IFLNK, SafePath.lstatIfExists(rootFd, "/proc").type());
        assertEquals(Files.S_IFLNK, SafePath.lstatIfExists(rootFd, "/dev/null").type());
        assertTrue(SafePath.lstatIfExists(rootFd, "/dev").isDirectory());
        // Through the escape link the parent is the root itself, never the host's directory.
        assertEquals(Files.S_IFREG, SafePath.lstatIfExists(rootFd, "/escape/marker").type());
        assertEquals(null, SafePath.lstatIfExists(rootFd, "/no/such/" + unique));
        assertEquals(null, SafePath.lstatIfExists(rootFd, "/" + unique));
        assertEquals(null, SafePath.lstatIfExists(rootFd, "/"));
    }

    // ---- path helpers ------------------------------------------------------------------------

    @Test
    void pathHelpers() {
        assertEquals(".", SafePath.relative("/"));
        assertEquals(".", SafePath.relative(""));
        assertEquals("a/b", SafePath.relative("///a/b"));
        assertEquals("/a", SafePath.parentOf("/a/b"));
        assertEquals("/a", SafePath.parentOf("/a/b/"));
        assertEquals("/", SafePath.parentOf("/a"));
        assertEquals("/", SafePath.parentOf("a"));
        assertEquals("b", SafePath.nameOf("/a/b"));
        assertEquals("b", SafePath.nameOf("/a/b/"));
        assertEquals("a", SafePath.nameOf("a"));
    }

    private static int openFlags(int fd) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring(6).strip(), 8);
            }
        }
        throw new IllegalStateException("no flags");
    }
}

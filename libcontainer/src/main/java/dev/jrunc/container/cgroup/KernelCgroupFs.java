package dev.jrunc.container.cgroup;

import dev.jrunc.sys.Errno;
import dev.jrunc.sys.Files;
import dev.jrunc.sys.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link CgroupFs} on the real cgroupfs. */
final class KernelCgroupFs implements CgroupFs {
    @Override
    public String read(Path file) throws IOException {
        return java.nio.file.Files.readString(file);
    }

    @Override
    public void write(Path file, String value) throws IOException {
        // open(2) without O_CREAT: control files exist or the kernel lacks the feature; never
        // make a plain file. One write(2), whose errno (EINVAL, EBUSY...) is what callers act on.
        int fd;
        try {
            fd = Files.open(file.toString(), Files.O_WRONLY);
        } catch (SyscallException e) {
            throw translate(file, e);
        }
        try {
            Files.writeFully(fd, value.getBytes(StandardCharsets.US_ASCII));
        } catch (SyscallException e) {
            throw translate(file, e);
        } finally {
            Files.closeQuietly(fd);
        }
    }

    @Override
    public boolean exists(Path path) {
        return java.nio.file.Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void mkdir(Path dir) throws IOException {
        java.nio.file.Files.createDirectory(dir);
    }

    @Override
    public void rmdir(Path dir) throws IOException {
        java.nio.file.Files.delete(dir);
    }

    @Override
    public List<Path> children(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = java.nio.file.Files.newDirectoryStream(dir,
                p -> java.nio.file.Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            entries.forEach(children::add);
        }
        return children;
    }

    private static IOException translate(Path file, SyscallException e) {
        if (e.is(Errno.ENOENT)) {
            return new NoSuchFileException(file.toString());
        }
        return new CgroupFileException(file.toString(), e.errno(), Errno.describe(e.errno()));
    }
}

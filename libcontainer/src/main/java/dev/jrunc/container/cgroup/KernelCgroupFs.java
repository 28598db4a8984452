package dev.jrunc.container.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@link CgroupFs} on the real cgroupfs. */
final class KernelCgroupFs implements CgroupFs {
    @Override
    public String read(Path file) throws IOException {
        return Files.readString(file);
    }

    @Override
    public void write(Path file, String value) throws IOException {
        // No CREATE: control files exist or the kernel lacks the feature; never make a plain file.
        Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void mkdir(Path dir) throws IOException {
        Files.createDirectory(dir);
    }

    @Override
    public void rmdir(Path dir) throws IOException {
        Files.delete(dir);
    }

    @Override
    public List<Path> children(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            entries.forEach(children::add);
        }
        return children;
    }
}

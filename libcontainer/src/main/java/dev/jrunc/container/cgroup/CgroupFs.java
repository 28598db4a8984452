package dev.jrunc.container.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations {@link CgroupV2Manager} performs on cgroupfs. A seam of its own because
 * cgroupfs is not a normal file system (rmdir removes a directory full of control files, writes
 * have side effects), and tests need a fake that behaves like it.
 */
interface CgroupFs {
    String read(Path file) throws IOException;

    /** Writes {@code value} to an existing control file in one write(2). */
    void write(Path file, String value) throws IOException;

    boolean exists(Path path);

    /** mkdir(2); fails with FileAlreadyExistsException when {@code dir} exists. */
    void mkdir(Path dir) throws IOException;

    /** rmdir(2) of a cgroup directory. */
    void rmdir(Path dir) throws IOException;

    /** The child cgroups (subdirectories) of {@code dir}. */
    List<Path> children(Path dir) throws IOException;
}

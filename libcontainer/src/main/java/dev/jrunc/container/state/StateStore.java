package dev.jrunc.container.state;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.json.Quoting;
import dev.jrunc.sys.Processes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime's state root ({@code --root}): one directory per container holding
 * {@code state.json}, the {@code exec.fifo} of a created container (and its
 * {@code start-status.fifo} when it has startContainer hooks) and a copy of its
 * {@code config.json}. A directory without a readable state.json is a create in progress or one
 * that crashed; only {@link #remove} touches it.
 */
public final class StateStore {
    private static final String STATE_FILE = "state.json";
    private static final FileAttribute<Set<PosixFilePermission>> ROOT_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    // runc's mode for a container directory: others may traverse it to reach the fifo's parent.
    private static final FileAttribute<Set<PosixFilePermission>> CONTAINER_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path root;

    public StateStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The directory of container {@code id} (which is validated). */
    public Path dir(String id) {
        return root.resolve(ContainerId.validate(id));
    }

    public Path execFifo(String id) {
        return dir(id).resolve("exec.fifo");
    }

    /**
     * The fifo through which the init of a container with startContainer hooks tells `start` how
     * they went: it writes a failure there, and closes it when it execs.
     */
    public Path startStatusFifo(String id) {
        return dir(id).resolve("start-status.fifo");
    }

    /** Where create keeps its copy of the bundle's config.json. */
    public Path configCopy(String id) {
        return dir(id).resolve("config.json");
    }

    /**
     * Where the container's cgroup resources, as last applied by create or update, are kept
     * ({@code linux.resources} of the config copy until an update changes them).
     */
    public Path resourcesFile(String id) {
        return dir(id).resolve("resources.json");
    }

    /** Whether a directory for {@code id} exists, complete or not. */
    public boolean exists(String id) {
        return Files.isDirectory(dir(id), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Claims {@code id}: creates the root if it is missing (engines rely on that) and the
     * container's directory with one mkdir, so two concurrent creates cannot both succeed.
     */
    public Path reserve(String id) {
        Path dir = dir(id);
        try {
            Files.createDirectories(root, ROOT_MODE);
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot create state root", root, e), e);
        }
        try {
            return Files.createDirectory(dir, CONTAINER_MODE);
        } catch (FileAlreadyExistsException e) {
            throw new ContainerException("container with id " + Quoting.quote(id) + " already exists", e);
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot create state directory", dir, e), e);
        }
    }

    /** Writes state.json atomically: a reader sees the old file or the new one, never a part. */
    public void save(SavedState state) {
        writeAtomically(dir(state.id()).resolve(STATE_FILE), SavedStateJson.write(state).getBytes(StandardCharsets.UTF_8),
                "cannot save state to");
    }

    /** Replaces the container's {@link #resourcesFile} with {@code json} atomically. */
    public void saveResources(String id, byte[] json) {
        writeAtomically(resourcesFile(id), json, "cannot save resources to");
    }

    private static void writeAtomically(Path file, byte[] data, String failure) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + Processes.currentPid());
        try {
            Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new ContainerException(IoMessages.describe(failure, file, e), e);
        }
    }

    /** The saved state of {@code id}, or empty when there is none (yet). */
    public Optional<SavedState> load(String id) {
        Path file = dir(id).resolve(STATE_FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read state", file, e), e);
        }
        try {
            SavedState state = SavedStateJson.read(text);
            if (!state.id().equals(id)) {
                throw new IllegalArgumentException("it belongs to container " + Quoting.quote(state.id()));
            }
            return Optional.of(state);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ContainerException("invalid state file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The saved state of {@code id}; fails with runc's "does not exist" wording when there is none. */
    public SavedState require(String id) {
        return load(id).orElseThrow(() -> notFound(id));
    }

    /** The failure engines recognise as "no such container". */
    public static ContainerException notFound(String id) {
        return new ContainerException("container " + Quoting.quote(id) + " does not exist");
    }

    /** Removes the container's directory and everything in it; a missing directory is fine. */
    public void remove(String id) {
        Path dir = dir(id);
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot remove state directory", dir, e), e);
        }
    }

    /** Every container with a readable state, by id; directories still being created are skipped. */
    public List<SavedState> list() {
        List<SavedState> states = new ArrayList<>();
        for (String id : ids()) {
            try {
                load(id).ifPresent(states::add);
            } catch (ContainerException unreadable) {
                // a half-written or foreign directory is not a container to report
            }
        }
        states.sort(Comparator.comparing(SavedState::id));
        return states;
    }

    /** The names of all valid container directories under the root, complete or not. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (isValidId(name) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    ids.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return ids;
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot list", root, e), e);
        }
        ids.sort(null);
        return ids;
    }

    private static boolean isValidId(String name) {
        try {
            ContainerId.validate(name);
            return true;
        } catch (ContainerException e) {
            return false;
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    deleteTree(entry);
                }
            } catch (NoSuchFileException e) {
                return;
            }
        }
        Files.deleteIfExists(path);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the temp file is garbage either way; the original failure is what matters
        }
    }
}

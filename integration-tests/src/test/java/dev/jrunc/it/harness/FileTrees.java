package dev.jrunc.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Removes directory trees the tests created, without crossing into other file systems. */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Removes {@code tree} if it exists. {@code rm --one-file-system} because a tree may still hold a
     * mount point (a bundle rootfs, a bind source) and whatever is mounted there is not ours.
     */
    public static void remove(Path tree) {
        if (!Files.exists(tree, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        requireOurs(tree);
        try {
            Process rm = new ProcessBuilder("rm", "-rf", "--one-file-system", "--", tree.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(rm.getInputStream().readAllBytes());
            if (!rm.waitFor(60, TimeUnit.SECONDS) || rm.exitValue() != 0) {
                throw new IllegalStateException("could not remove " + tree + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while removing " + tree, e);
        }
    }

    // Everything the tests create carries the prefix; refusing anything else keeps a bug in a
    // test from deleting a stranger's files on a shared machine.
    private static void requireOurs(Path tree) {
        boolean ours = false;
        for (Path part : tree.toAbsolutePath().normalize()) {
            ours |= part.toString().startsWith(Workspace.PREFIX);
        }
        if (!ours) {
            throw new IllegalArgumentException("refusing to remove " + tree + ": not named " + Workspace.PREFIX + "*");
        }
    }
}

package dev.jrunc.container.cgroup;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.IoMessages;
import dev.jrunc.spec.json.Quoting;
import dev.jrunc.sys.Errno;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes {@link CgroupWrite}s in one cgroup directory, in order, and turns a refusal into a
 * one-line error naming the config field, the value, the file and the kernel's reason.
 */
final class CgroupWriter {
    private final CgroupFs fs;
    private final Path dir;

    CgroupWriter(CgroupFs fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    void apply(List<CgroupWrite> writes) {
        CgroupWrite deferred = null;
        for (CgroupWrite w : writes) {
            if (!write(w, deferred == null && w.deferOnInvalid())) {
                deferred = w;
                continue;
            }
            if (deferred != null) {
                CgroupWrite again = deferred;
                deferred = null;
                write(again, false);
            }
        }
        if (deferred != null) {
            write(deferred, false);
        }
    }

    /** Makes one write; false when it was refused with EINVAL and {@code mayDefer}. */
    private boolean write(CgroupWrite w, boolean mayDefer) {
        Path file = dir.resolve(w.file());
        try {
            fs.write(file, w.value());
            return true;
        } catch (NoSuchFileException e) {
            return switch (w.ifMissing()) {
                case SKIP -> true;
                case FALLBACK -> write(w.fallback(), mayDefer);
                case FAIL -> throw failure(w, file, e, missingHint(w));
            };
        } catch (CgroupFileException e) {
            if (mayDefer && e.errno() == Errno.EINVAL) {
                return false;
            }
            throw failure(w, file, e, null);
        } catch (IOException e) {
            throw failure(w, file, e, null);
        }
    }

    /** Why a file is missing: the write's own hint, or its controller not being enabled here. */
    private String missingHint(CgroupWrite w) {
        String controller = w.controller();
        if (!controller.equals("cgroup") && !enabledHere(controller)) {
            return "controller \"" + controller + "\" not available";
        }
        return w.missingHint();
    }

    private boolean enabledHere(String controller) {
        try {
            for (String c : fs.read(dir.resolve("cgroup.controllers")).strip().split("\\s+")) {
                if (c.equals(controller)) {
                    return true;
                }
            }
            return false;
        } catch (IOException unreadable) {
            // then the missing file itself is the best explanation there is
            return true;
        }
    }

    private static ContainerException failure(CgroupWrite w, Path file, IOException e, String hint) {
        return new ContainerException(w.field() + ": cannot write " + Quoting.quote(w.value()) + " to " + file + ": "
                + IoMessages.reason(e) + (hint == null ? "" : " (" + hint + ")"), e);
    }
}

package dev.jrunc.sys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The C helper shipped in this jar, made runnable as a sealed in-memory copy. */
public final class NsexecHelper {
    private static final String RESOURCE = "jrunc-nsexec";

    private NsexecHelper() {
    }

    /**
     * A sealed close-on-exec memfd holding the helper; spawn it as {@code /proc/self/fd/<fd>}
     * and close the fd after the spawn.
     */
    public static int sealedExecutable() {
        try (InputStream in = NsexecHelper.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the native helper " + RESOURCE
                        + " is missing from the native jar: rebuild with ./mvnw -B -q install -DskipTests (needs cc)");
            }
            return MemFd.sealedCopy(RESOURCE, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the native helper " + RESOURCE, e);
        }
    }
}

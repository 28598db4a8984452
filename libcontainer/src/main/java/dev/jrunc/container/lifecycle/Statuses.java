package dev.jrunc.container.lifecycle;

import dev.jrunc.spec.ContainerStatus;
import java.util.Locale;

/** The lowercase words runc uses for statuses in messages and output. */
final class Statuses {
    private Statuses() {
    }

    static String text(ContainerStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}

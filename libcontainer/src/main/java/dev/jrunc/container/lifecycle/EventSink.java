package dev.jrunc.container.lifecycle;

import dev.jrunc.container.ContainerException;

/** Where {@link ContainerEvents#follow} sends what it sees. */
public interface EventSink {
    void event(ContainerEvent event);

    /** A reading of the statistics failed; following goes on, as runc's does after logging the error. */
    void readingFailed(ContainerException failure);
}

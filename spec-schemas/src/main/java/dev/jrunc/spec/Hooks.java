package dev.jrunc.spec;

import java.util.List;

/**
 * Lifecycle hooks, each list in the order the hooks must run; every list is empty when absent.
 *
 * @param prestart deprecated; runs in the runtime namespace after the container is created
 * @param createRuntime runs in the runtime namespace during create
 * @param createContainer runs in the container namespace during create
 * @param startContainer runs in the container namespace before the user process
 * @param poststart runs in the runtime namespace after the user process starts
 * @param poststop runs in the runtime namespace after the container is deleted
 */
public record Hooks(
        List<Hook> prestart,
        List<Hook> createRuntime,
        List<Hook> createContainer,
        List<Hook> startContainer,
        List<Hook> poststart,
        List<Hook> poststop) {

    /** Normalises absent collections to empty immutable ones. */
    public Hooks {
        prestart = Immutable.list(prestart);
        createRuntime = Immutable.list(createRuntime);
        createContainer = Immutable.list(createContainer);
        startContainer = Immutable.list(startContainer);
        poststart = Immutable.list(poststart);
        poststop = Immutable.list(poststop);
    }
}

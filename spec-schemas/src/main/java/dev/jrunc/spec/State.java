package dev.jrunc.spec;

import java.util.Map;

/**
 * The state of a container as runtime.md defines it: what hooks receive on stdin and what the
 * seccomp listener receives inside {@link ContainerProcessState}.
 *
 * @param ociVersion the spec version the state complies with
 * @param id the container ID
 * @param status the runtime status
 * @param pid the container process ID, 0 when there is none (then it is left out of the JSON)
 * @param bundle the absolute path of the bundle directory
 * @param annotations the config's annotations; empty when there are none
 */
public record State(
        String ociVersion, String id, ContainerStatus status, int pid, String bundle, Map<String, String> annotations) {

    /** Normalises absent collections to empty immutable ones. */
    public State {
        annotations = Immutable.map(annotations);
    }
}

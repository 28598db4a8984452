package dev.jrunc.container.hooks;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.state.SavedState;
import dev.jrunc.container.state.StateStore;
import dev.jrunc.spec.ContainerStatus;
import dev.jrunc.spec.Hook;
import dev.jrunc.spec.Hooks;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecReader;
import dev.jrunc.spec.State;
import dev.jrunc.container.state.IoMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hooks of an existing container, from the config copy taken at create (later edits to the
 * bundle do not count), and the state they receive.
 *
 * @param ociVersion the config's ociVersion
 * @param hooks the config's hooks, all lists empty when it has none
 */
public record LifecycleHooks(String ociVersion, Hooks hooks) {
    private static final Hooks NONE = new Hooks(null, null, null, null, null, null);

    public static LifecycleHooks of(Spec spec) {
        return new LifecycleHooks(spec.ociVersion(), spec.hooks() == null ? NONE : spec.hooks());
    }

    /**
     * The hooks of container {@code id}, or empty when its config copy has none (or is missing). A config without
     * the text {@code hooks} (nor any JSON escape that could spell it) is not parsed at all, so
     * containers without hooks pay nothing.
     */
    public static Optional<LifecycleHooks> loadIfAny(StateStore store, String id) {
        Path copy = store.configCopy(id);
        byte[] json;
        try {
            json = java.nio.file.Files.readAllBytes(copy);
        } catch (NoSuchFileException e) {
            // A state directory without a config copy (not written by this create): no hooks.
            return Optional.empty();
        } catch (IOException e) {
            throw new ContainerException(IoMessages.describe("cannot read", copy, e), e);
        }
        String text = new String(json, StandardCharsets.UTF_8);
        if (!text.contains("hooks") && !text.contains("\\u")) {
            return Optional.empty();
        }
        LifecycleHooks h;
        try {
            h = of(SpecReader.parseConfig(json, copy.toString()));
        } catch (RuntimeException e) {
            throw new ContainerException("reading the hooks from " + copy + ": " + e.getMessage(), e);
        }
        return Optional.of(h);
    }

    public boolean has(Function<Hooks, List<Hook>> phase) {
        return !phase.apply(hooks).isEmpty();
    }

    /** The spec state hooks get on stdin. */
    public static State state(String ociVersion, String id, ContainerStatus status, int pid, String bundle,
            Map<String, String> annotations) {
        return new State(ociVersion, id, status, pid, bundle, annotations);
    }

    /** The state of a saved container with {@code status}; the pid is left out once it is stopped, as runc does. */
    public State state(SavedState saved, ContainerStatus status) {
        int pid = status == ContainerStatus.STOPPED ? 0 : saved.initPid();
        return state(ociVersion, saved.id(), status, pid, saved.bundle(), saved.annotations());
    }

    /** Hooks run with the bundle as their cwd, as runc's do. */
    public static HookRunner runner(String bundle) {
        return new HookRunner(bundle == null || bundle.isEmpty() ? null : Path.of(bundle));
    }
}

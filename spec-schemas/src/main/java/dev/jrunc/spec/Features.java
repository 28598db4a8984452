package dev.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * What the {@code features} command prints (features.md): the spec versions and config values
 * this runtime recognises. Lists and maps are empty when absent; objects are null.
 *
 * @param ociVersionMin the lowest spec version recognised
 * @param ociVersionMax the highest spec version recognised
 * @param hooks recognised hook names
 * @param mountOptions recognised mount options
 * @param linux Linux-specific features, or null
 * @param annotations metadata about the runtime
 * @param potentiallyUnsafeConfigAnnotations config.json annotation keys (or key prefixes ending in
 *     a dot) that can change the runtime's behaviour
 */
public record Features(
        String ociVersionMin,
        String ociVersionMax,
        List<String> hooks,
        List<String> mountOptions,
        LinuxFeatures linux,
        Map<String, String> annotations,
        List<String> potentiallyUnsafeConfigAnnotations) {

    /** Normalises absent collections to empty immutable ones. */
    public Features {
        hooks = Immutable.list(hooks);
        mountOptions = Immutable.list(mountOptions);
        annotations = Immutable.map(annotations);
        potentiallyUnsafeConfigAnnotations = Immutable.list(potentiallyUnsafeConfigAnnotations);
    }
}

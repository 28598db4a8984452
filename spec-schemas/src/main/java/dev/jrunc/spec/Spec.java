package dev.jrunc.spec;

import java.util.List;
import java.util.Map;

/**
 * A bundle's config.json (OCI runtime-spec v1.3.0), Linux fields only. Fields of other platforms
 * (windows, solaris, vm, zos, freebsd) are ignored when reading.
 *
 * @param ociVersion the spec version the bundle complies with; required
 * @param process the container process; optional in the spec, but runc (and so jrunc) requires it
 * @param root the root filesystem; required on Linux
 * @param hostname the hostname, or null when not set
 * @param domainname the NIS domain name, or null when not set
 * @param mounts additional mounts in order; empty when absent
 * @param hooks lifecycle hooks, or null when absent
 * @param annotations arbitrary metadata in document order; empty when absent
 * @param linux the Linux-specific configuration, or null when absent
 */
public record Spec(
        String ociVersion,
        SpecProcess process,
        Root root,
        String hostname,
        String domainname,
        List<Mount> mounts,
        Hooks hooks,
        Map<String, String> annotations,
        Linux linux) {

    /** Normalises absent collections to empty immutable ones. */
    public Spec {
        mounts = Immutable.list(mounts);
        annotations = Immutable.map(annotations);
    }
}

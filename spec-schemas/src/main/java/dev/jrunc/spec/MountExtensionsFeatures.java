package dev.jrunc.spec;

/**
 * Mount extensions the runtime supports.
 *
 * @param idmap ID-mapped mounts ({@code uidMappings}/{@code gidMappings} on a mount), or null
 */
public record MountExtensionsFeatures(EnabledFeature idmap) {}

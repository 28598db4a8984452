package dev.jrunc.spec;

import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonLayout;

/**
 * Writes the model as JSON, laid out like {@code runc spec} (tab indentation, members in the Go
 * reference order, nulls, empty collections and false optional flags left out). Reading what was
 * written gives back an equal record.
 */
public final class SpecWriter {

    private SpecWriter() {}

    /** config.json content, without a trailing newline (as runc writes it). */
    public static byte[] write(Spec spec) {
        return Json.render(SpecCodec.write(spec), JsonLayout.TABS);
    }

    /** A process document as {@code exec --process} reads it. */
    public static byte[] writeProcess(SpecProcess process) {
        return Json.render(ProcessCodec.write(process), JsonLayout.TABS);
    }

    /** A resources document as {@code update --resources} reads it. */
    public static byte[] writeResources(Resources resources) {
        return Json.render(ResourcesCodec.write(resources), JsonLayout.TABS);
    }
}

package dev.jrunc.spec;

import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonLayout;

/**
 * Writes the features document laid out as {@code runc features} prints it: four-space
 * indentation, members in the Go reference order, unset values left out. runc (a Go json.Encoder)
 * ends the output with a newline, which this method does not add.
 */
public final class FeaturesWriter {

    private FeaturesWriter() {}

    /** The features document as JSON bytes. */
    public static byte[] write(Features features) {
        return Json.render(FeaturesCodec.write(features), JsonLayout.FOUR_SPACES);
    }
}

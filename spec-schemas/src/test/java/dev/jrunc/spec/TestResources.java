package dev.jrunc.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the sample documents under src/test/resources/configs. */
final class TestResources {

    private TestResources() {}

    static byte[] bytes(String name) {
        try (InputStream in = TestResources.class.getResourceAsStream("/configs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Spec config(String name) {
        return SpecReader.parseConfig(bytes(name), name);
    }
}

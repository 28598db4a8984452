package dev.jrunc.container.create;

import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecReader;
import java.nio.charset.StandardCharsets;

/** config.json documents for the create tests, parsed the way `create` parses them. */
final class SpecFixtures {
    private SpecFixtures() {
    }

    static Spec parse(String json) {
        return SpecReader.parseConfig(json.getBytes(StandardCharsets.UTF_8), "config.json");
    }

    /**
     * A runnable config: {@code top} is spliced into the top level (after root/process), {@code linux}
     * is the whole "linux" object's members.
     */
    static Spec config(String top, String linux) {
        return parse("""
                {"ociVersion": "1.3.0", "root": {"path": "rootfs"},
                 "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}%s,
                 "linux": {%s}}
                """.formatted(top.isEmpty() ? "" : ", " + top, linux));
    }
}

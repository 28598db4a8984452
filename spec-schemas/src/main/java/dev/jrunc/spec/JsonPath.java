package dev.jrunc.spec;

import dev.jrunc.spec.json.Quoting;
import java.util.regex.Pattern;

/**
 * Where a value sits in a JSON document, rendered the way error messages show it:
 * {@code process.args[0]}, {@code linux.sysctl["net.ipv4.ip_forward"]}.
 */
final class JsonPath {

    /** One step down from a parent value. */
    sealed interface Segment permits Member, Index {}

    /** A member of an object. */
    record Member(String name) implements Segment {}

    /** An element of an array. */
    record Index(int index) implements Segment {}

    // Keys such as sysctl names contain dots; bracketing them keeps the rendered path unambiguous.
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final JsonPath ROOT = new JsonPath(null, null);

    private final JsonPath parent;
    private final Segment last;

    private JsonPath(JsonPath parent, Segment last) {
        this.parent = parent;
        this.last = last;
    }

    static JsonPath root() {
        return ROOT;
    }

    JsonPath member(String name) {
        return new JsonPath(this, new Member(name));
    }

    JsonPath index(int index) {
        return new JsonPath(this, new Index(index));
    }

    boolean isRoot() {
        return last == null;
    }

    @Override
    public String toString() {
        if (isRoot()) {
            return "";
        }
        StringBuilder out = new StringBuilder(parent.toString());
        switch (last) {
            case Member(String name) when PLAIN_NAME.matcher(name).matches() -> {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(name);
            }
            case Member(String name) -> out.append('[').append(Quoting.quoteShort(name)).append(']');
            case Index(int index) -> out.append('[').append(index).append(']');
        }
        return out.toString();
    }
}

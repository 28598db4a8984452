package dev.jrunc.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalises collections handed to model records: never null, never modifiable afterwards. */
final class Immutable {

    private Immutable() {}

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    // Map.copyOf would lose the document order, which writers reproduce.
    static <V> Map<String, V> map(Map<String, V> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}

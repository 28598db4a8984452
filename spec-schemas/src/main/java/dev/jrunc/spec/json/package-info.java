/**
 * The runtime's one JSON layer, shared by every module: {@link dev.jrunc.spec.json.Json} parses
 * documents into a small immutable {@link dev.jrunc.spec.json.JsonValue} tree (with its own strict
 * RFC 8259 parser, {@code JsonReader}: no JSON library is loaded) and renders trees back;
 * {@link dev.jrunc.spec.json.JsonWriter} writes JSON directly, escaped exactly as Go's
 * encoding/json escapes it and laid out like {@code json.Marshal} or {@code json.MarshalIndent}
 * ({@link dev.jrunc.spec.json.JsonLayout}), so output can match runc's byte for byte.
 * {@link dev.jrunc.spec.json.Rfc3339} formats times as Go does and
 * {@link dev.jrunc.spec.json.Quoting} quotes values for one-line messages.
 *
 * <p>Everything here is written for a cold JVM (every CLI call starts one): no reflection, no
 * lambdas or pattern switches on the common paths.
 */
package dev.jrunc.spec.json;

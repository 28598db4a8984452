package dev.jrunc.it.harness;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a runtime's {@code state} output that the tests look at.
 *
 * @param id      container id
 * @param status  created, running, paused or stopped
 * @param pid     host PID of the init, 0 once stopped
 * @param bundle  absolute bundle path
 * @param created creation time, RFC 3339
 * @param json    the whole document
 */
public record ContainerState(String id, String status, long pid, String bundle, String created, JsonNode json) {

    /** Reads a state object as printed by {@code state} or listed by {@code list --format json}. */
    public static ContainerState from(JsonNode json) {
        return new ContainerState(json.path("id").asText(null), json.path("status").asText(null),
                json.path("pid").asLong(-1), json.path("bundle").asText(null), json.path("created").asText(null),
                json);
    }
}

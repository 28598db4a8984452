package dev.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** State documents are written exactly as runc writes them. */
class StateWriterTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void specStateIsPrettyWithTwoSpaces() {
        State state = new State("1.3.0", "oci-container1", ContainerStatus.RUNNING, 4422, "/containers/redis",
                Map.of("myKey", "myValue"));

        assertEquals("""
                {
                  "ociVersion": "1.3.0",
                  "id": "oci-container1",
                  "status": "running",
                  "pid": 4422,
                  "bundle": "/containers/redis",
                  "annotations": {
                    "myKey": "myValue"
                  }
                }""", text(StateWriter.write(state)));
    }

    @Test
    void specStateLeavesOutZeroPidAndEmptyAnnotations() {
        State state = new State("1.3.0", "c1", ContainerStatus.STOPPED, 0, "/b", null);

        assertEquals("{\"ociVersion\":\"1.3.0\",\"id\":\"c1\",\"status\":\"stopped\",\"bundle\":\"/b\"}",
                text(StateWriter.writeCompact(state)));
    }

    @Test
    void runcStateMatchesRuncLayoutAndOrder() {
        RuncState state = new RuncState("1.0.2-dev", "web", 31580, ContainerStatus.PAUSED, "/run/bundle",
                "/run/bundle/rootfs", Instant.parse("2026-11-24T12:36:58.155652346Z"), Map.of(), "");

        assertEquals("""
                {
                  "ociVersion": "1.0.2-dev",
                  "id": "web",
                  "pid": 31580,
                  "status": "paused",
                  "bundle": "/run/bundle",
                  "rootfs": "/run/bundle/rootfs",
                  "created": "2026-11-24T12:36:58.155652346Z",
                  "owner": ""
                }""", text(StateWriter.write(state)));
    }

    @Test
    void runcStatePutsAnnotationsBeforeOwnerAndKeepsZeroPid() {
        RuncState state = new RuncState("1.3.0", "c", 0, ContainerStatus.STOPPED, "/b", "/b/rootfs",
                Instant.parse("2025-01-02T03:04:05Z"), Map.of("k", "v"), "root");

        assertEquals("{\"ociVersion\":\"1.3.0\",\"id\":\"c\",\"pid\":0,\"status\":\"stopped\",\"bundle\":\"/b\","
                        + "\"rootfs\":\"/b/rootfs\",\"created\":\"2025-01-02T03:04:05Z\",\"annotations\":{\"k\":\"v\"},"
                        + "\"owner\":\"root\"}",
                text(StateWriter.writeList(List.of(state))).replaceFirst("^\\[", "").replaceFirst("]$", ""));
    }

    @Test
    void emptyListIsNullLikeRunc() {
        assertEquals("null", text(StateWriter.writeList(List.of())));
    }

    @Test
    void listIsACompactArray() {
        RuncState a = new RuncState("1.3.0", "a", 1, ContainerStatus.CREATED, "/a", "/a/r",
                Instant.parse("2025-01-01T00:00:00Z"), null, "");
        RuncState b = new RuncState("1.3.0", "b", 2, ContainerStatus.RUNNING, "/b", "/b/r",
                Instant.parse("2025-01-01T00:00:01Z"), null, "");

        String list = text(StateWriter.writeList(List.of(a, b)));

        assertEquals('[', list.charAt(0));
        assertEquals(2, list.split("\"ociVersion\"").length - 1);
        assertEquals(-1, list.indexOf('\n'));
        assertEquals(true, list.indexOf("\"id\":\"a\"") < list.indexOf("\"id\":\"b\""));
    }

    @Test
    void seccompListenerStateIsCompact() {
        ContainerProcessState state = new ContainerProcessState("1.3.0", List.of(ContainerProcessState.SECCOMP_FD_NAME),
                4422, "MKNOD=/dev/null", new State("1.3.0", "c1", ContainerStatus.CREATING, 4422, "/b", null));

        assertEquals("{\"ociVersion\":\"1.3.0\",\"fds\":[\"seccompFd\"],\"pid\":4422,\"metadata\":\"MKNOD=/dev/null\","
                + "\"state\":{\"ociVersion\":\"1.3.0\",\"id\":\"c1\",\"status\":\"creating\",\"pid\":4422,\"bundle\":\"/b\"}}",
                text(StateWriter.writeCompact(state)));
    }

    @Test
    void stateRoundTripsThroughTheReader() {
        State state = new State("1.3.0", "c1", ContainerStatus.CREATED, 77, "/bundle", Map.of("a", "b"));

        assertEquals(state, StateReader.parse(StateWriter.writeCompact(state), "stdin"));
        assertEquals(state, StateReader.parse(StateWriter.write(state), "stdin"));
    }

    @Test
    void stateReaderRejectsUnknownStatus() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> StateReader.parse(
                "{\"ociVersion\":\"1\",\"id\":\"c\",\"status\":\"zombie\",\"bundle\":\"/b\"}"
                        .getBytes(StandardCharsets.UTF_8), "stdin"));
        assertEquals("stdin: status: unknown container status \"zombie\"", e.getMessage());
    }

    @Test
    void statusNamesMatchTheSpec() {
        assertEquals(List.of("creating", "created", "running", "paused", "stopped"),
                List.of(ContainerStatus.values()).stream().map(ContainerStatus::specName).toList());
        assertEquals(ContainerStatus.PAUSED, ContainerStatus.fromSpecName("paused"));
        assertEquals(null, ContainerStatus.fromSpecName("Paused"));
    }
}

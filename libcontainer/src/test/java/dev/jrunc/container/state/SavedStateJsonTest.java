package dev.jrunc.container.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SavedStateJsonTest {
    @Test
    void writesEveryFieldWithSortedAnnotations() {
        SavedState s = new SavedState("c1", "/b", "/b/rootfs", 12, 34, Instant.parse("2024-05-01T10:20:30.5Z"),
                "", null, Map.of("z", "1", "a", "2"));
        assertEquals("""
                {
                  "id": "c1",
                  "bundle": "/b",
                  "rootfs": "/b/rootfs",
                  "initPid": 12,
                  "initStartTime": 34,
                  "created": "2024-05-01T10:20:30.5Z",
                  "owner": "",
                  "cgroupPath": null,
                  "annotations": {
                    "a": "2",
                    "z": "1"
                  }
                }
                """, SavedStateJson.write(s));
    }

    @Test
    void roundTrips() {
        SavedState s = StateStoreTest.state("x");
        assertEquals(s, SavedStateJson.read(SavedStateJson.write(s)));
    }

    @Test
    void rejectsMissingOrMistypedFields() {
        assertEquals("initPid: expected an integer", assertThrows(IllegalArgumentException.class,
                () -> SavedStateJson.read("{\"id\":\"c\",\"bundle\":\"/b\",\"rootfs\":\"/r\",\"initPid\":\"1\"}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SavedStateJson.read("[]"));
        assertThrows(IllegalArgumentException.class, () -> SavedStateJson.read(
                "{\"id\":\"c\",\"bundle\":\"/b\",\"rootfs\":\"/r\",\"initPid\":1,\"initStartTime\":2,\"created\":\"yesterday\"}"));
    }
}

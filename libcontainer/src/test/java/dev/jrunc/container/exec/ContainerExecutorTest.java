package dev.jrunc.container.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecProcess;
import dev.jrunc.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContainerExecutorTest {

    private static Spec config(String apparmorProfile) {
        String profile = apparmorProfile == null ? "" : ", \"apparmorProfile\": \"" + apparmorProfile + "\"";
        return SpecReader.parseConfig(("{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": \"rootfs\"}, "
                + "\"process\": {\"cwd\": \"/\", \"args\": [\"sleep\", \"1000\"]" + profile + "}}")
                .getBytes(StandardCharsets.UTF_8), "config.json");
    }

    private static SpecProcess execProcess(String apparmorProfile) {
        String profile = apparmorProfile == null ? "" : ", \"apparmorProfile\": \"" + apparmorProfile + "\"";
        return SpecReader.parseProcess(("{\"cwd\": \"/\", \"args\": [\"sh\"]" + profile + "}")
                .getBytes(StandardCharsets.UTF_8), "process.json");
    }

    @Test
    void anExecdProcessGetsTheContainersAppArmorProfileUnlessItNamesItsOwn() {
        // podman's and containerd's exec process documents carry no profile
        assertEquals("containers-default-0.50.1", ContainerExecutor.withContainersAppArmorProfile(execProcess(null),
                config("containers-default-0.50.1")).apparmorProfile());
        assertEquals("own", ContainerExecutor.withContainersAppArmorProfile(execProcess("own"),
                config("containers-default-0.50.1")).apparmorProfile());
        assertNull(ContainerExecutor.withContainersAppArmorProfile(execProcess(null), config(null)).apparmorProfile());
        SpecProcess unchanged = execProcess(null);
        assertEquals(unchanged, ContainerExecutor.withContainersAppArmorProfile(unchanged, config(null)));
    }
}

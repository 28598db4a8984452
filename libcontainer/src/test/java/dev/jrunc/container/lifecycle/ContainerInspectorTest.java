package dev.jrunc.container.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jrunc.spec.ContainerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerInspectorTest {
    @TempDir
    Path root;

    @Test
    void reportsStatusPidAndTheConfigsVersion() throws Exception {
        try (FakeContainer c = FakeContainer.sleeping(root, "c1")) {
            Files.writeString(c.store.configCopy("c1"), "{\"ociVersion\": \"1.0.2-dev\", \"process\": {}}");
            ContainerView view = new ContainerInspector(c.store).inspect("c1");
            assertEquals(ContainerStatus.RUNNING, view.status());
            assertEquals(c.init.pid(), view.pid());
            assertEquals("1.0.2-dev", view.ociVersion());

            c.init.destroyForcibly().waitFor();
            view = new ContainerInspector(c.store).inspect("c1");
            assertEquals(ContainerStatus.STOPPED, view.status());
            assertEquals(0, view.pid());
        }
    }

    @Test
    void listsContainersByIdWithoutAConfigCopy() throws Exception {
        try (FakeContainer b = FakeContainer.sleeping(root, "b"); FakeContainer a = FakeContainer.sleeping(root, "a")) {
            List<ContainerView> views = new ContainerInspector(a.store).list();
            assertEquals(List.of("a", "b"), views.stream().map(v -> v.saved().id()).toList());
            assertNull(views.getFirst().ociVersion());
        }
    }
}

package dev.jrunc.it.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that run containers: skips them unless root and the runtime binary are
 * there, and gives each test a workspace, a runtime with its own state root, and bundles on the
 * shared rootfs; all of it is cleaned up after each test.
 */
public abstract class ContainerTestSupport {

    protected Workspace workspace;
    protected RuntimeUnderTest runtime;

    // Per test rather than per class, so that reports count every skipped test with the reason.
    @BeforeEach
    void openHarness() {
        ItEnvironment.current().assumeCanRunContainers();
        ChildReaper.instance();
        workspace = Workspace.create();
        runtime = new RuntimeUnderTest(ItEnvironment.current().runtimeBinary(), workspace);
    }

    @AfterEach
    void closeHarness() {
        try {
            if (runtime != null) {
                runtime.close();
            }
        } finally {
            if (workspace != null) {
                workspace.close();
            }
        }
    }

    /** A new bundle directory in the workspace, configured like make-bundle's default. */
    protected TestBundle newBundle() {
        SharedRootfs shared = SharedRootfs.get();
        return new TestBundle(workspace.newDirectory(Workspace.uniqueName()), shared.rootfs(),
                shared.templateConfig());
    }

    /**
     * A new bundle on a rootfs of the test's own (e.g. a {@link RootfsCopy}), writable: root.readonly
     * is false, so the container's writes show where its mounts really are.
     */
    protected TestBundle newBundle(Path rootfs) {
        TestBundle bundle = new TestBundle(workspace.newDirectory(Workspace.uniqueName()), rootfs,
                SharedRootfs.get().templateConfig());
        ((ObjectNode) bundle.config().get("root")).put("readonly", false);
        return bundle;
    }

    /** Runs {@code script} with {@code sh -c} in a container made from {@code bundle}; returns its result. */
    protected RuntimeResult runShell(TestBundle bundle, String script) {
        return runtime.run(runtime.newContainerId(), bundle.shell(script));
    }
}

package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container's processes start with no signal blocked or ignored, whatever the runtime's JVM
 * blocks in its own threads (SIGQUIT, at least) and whatever its caller ignored: a workload that
 * inherited an ignored SIGTERM or a blocked SIGQUIT could not be stopped the way engines stop it.
 * The helper that starts them resets this itself (nsexec.c reset_signals).
 */
class SignalStateTest extends ContainerTestSupport {
    private static final List<String> IGNORED_BY_THE_CALLER = List.of("HUP", "INT", "USR1", "TERM");
    private static final String CLEAN = "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000";

    @Test
    void runStartsTheInitWithNoSignalBlockedOrIgnored() {
        String id = runtime.newContainerId();
        var bundle = newBundle().args("grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status");
        bundle.write();

        RuntimeResult run = runtime.invokeIgnoring(IGNORED_BY_THE_CALLER, "run", "--bundle",
                bundle.directory().toString(), id);

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(CLEAN, run.stdout().strip(), run::describe);
    }

    @Test
    void execStartsTheProcessWithNoSignalBlockedOrIgnored() {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, newBundle().args("sleep", "600"), workspace.path("init.pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);

        RuntimeResult exec = runtime.invokeIgnoring(IGNORED_BY_THE_CALLER, "exec", id,
                "grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status");

        assertEquals(0, exec.exitCode(), exec::describe);
        assertEquals(CLEAN, exec.stdout().strip(), exec::describe);
    }
}

package dev.jrunc.container.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jrunc.container.state.ProcStat;
import dev.jrunc.sys.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link CgroupV2Manager} on the machine's real cgroup2 hierarchy; needs root. */
class KernelCgroupTest {
    @Test
    void lifecycleOfARealCgroup() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        Path mount = Cgroup2Mount.locate();
        assumeTrue(Files.isWritable(mount), "cgroup2 is not writable");
        Path top = mount.resolve("jrunc-unit-" + Processes.currentPid());
        Path leaf = top.resolve("c1");
        CgroupV2Manager m = new CgroupV2Manager(mount, leaf);
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            m.create();
            int pid = (int) sleeper.pid();
            m.addProcess(pid);
            assertEquals(List.of(pid), m.pids());
            assertTrue(m.isPopulated());
            assertTrue(Files.readString(Path.of("/proc/" + pid + "/cgroup")).contains("0::/" + mount.relativize(leaf)));

            m.freeze();
            assertTrue(m.isFrozen());
            m.thaw();
            assertFalse(m.isFrozen());
            // Alive and schedulable again: sleeping, or briefly running right after the thaw.
            char state = ProcStat.read(pid).orElseThrow().state();
            assertTrue(state == 'S' || state == 'R', () -> "state " + state + " after thaw");

            m.killAll(Processes.SIGKILL);
            assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS));
            m.destroy();
            assertFalse(Files.exists(leaf));
            assertFalse(Files.exists(top));
        } finally {
            sleeper.destroyForcibly().waitFor();
            // leave nothing behind even when an assertion failed half way
            Files.deleteIfExists(leaf);
            Files.deleteIfExists(top);
        }
    }
}

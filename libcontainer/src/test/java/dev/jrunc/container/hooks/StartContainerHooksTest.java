package dev.jrunc.container.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.init.InitProgram;
import dev.jrunc.container.init.InitPrograms;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartContainerHooksTest {
    private static final int RUN = 32;

    private static Spec spec(String hooks) {
        return SpecReader.parseConfig(("""
                {"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": {"k": "v"},
                 "process": {"cwd": "/", "args": ["sh"], "env": ["PATH=/bin", "FOO=bar"]},
                 "hooks": %s}""".formatted(hooks)).getBytes(StandardCharsets.UTF_8), "config.json");
    }

    /** One decoded RUN: timeout, name, path, argv, envp, stdin. */
    private record Run(long timeoutMillis, String name, String path, List<String> args, List<String> env, String stdin) {
    }

    private static List<Run> runs(InitProgram program) {
        List<Run> out = new ArrayList<>();
        for (InitPrograms.Operation op : InitPrograms.decode(InitPrograms.encode(program))) {
            assertEquals(RUN, op.code());
            InitPrograms.Reader r = op.reader();
            long timeout = r.u32();
            int argc = r.u32();
            int envc = r.u32();
            String name = r.str();
            String path = r.str();
            List<String> args = new ArrayList<>();
            for (int i = 0; i < argc; i++) {
                args.add(r.str());
            }
            List<String> env = new ArrayList<>();
            for (int i = 0; i < envc; i++) {
                env.add(r.str());
            }
            out.add(new Run(timeout, name, path, args, env, new String(r.rest(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void eachHookIsOneRunWithRuncsDefaults() {
        Spec spec = spec("""
                {"startContainer": [{"path": "/bin/hook"},
                                    {"path": "/bin/sh", "args": ["sh", "-c", "true"], "env": ["A=1"], "timeout": 7}]}""");
        assertTrue(StartContainerHooks.any(spec));
        InitProgram program = new InitProgram();
        int self = (int) ProcessHandle.current().pid();

        StartContainerHooks.append(program, spec, "c1", "/bundles/c1", self);

        List<Run> runs = runs(program);
        assertEquals(2, runs.size());
        // No args: argv is the path; no env: the process's environment (runc's historical default).
        assertEquals(new Run(0, "hooks.startContainer[0] (/bin/hook)", "/bin/hook", List.of("/bin/hook"),
                List.of("PATH=/bin", "FOO=bar"), runs.get(0).stdin()), runs.get(0));
        assertEquals(new Run(7000, "hooks.startContainer[1] (/bin/sh)", "/bin/sh", List.of("sh", "-c", "true"),
                List.of("A=1"), runs.get(0).stdin()), runs.get(1));
        // The state is "created", with the pid the container sees (here: this JVM's, in the host's namespace).
        assertEquals("{\"ociVersion\":\"1.3.0\",\"id\":\"c1\",\"status\":\"created\",\"pid\":" + self
                + ",\"bundle\":\"/bundles/c1\",\"annotations\":{\"k\":\"v\"}}", runs.get(0).stdin());
    }

    @Test
    void withoutStartContainerHooksThereIsNothingToRun() {
        assertFalse(StartContainerHooks.any(spec("{\"poststart\": [{\"path\": \"/bin/true\"}]}")));
        assertFalse(StartContainerHooks.any(spec("{}")));
    }

    @Test
    void aVanishedInitIsAClearError() {
        ContainerException e = assertThrows(ContainerException.class, () -> StartContainerHooks.pidInContainer(-5));
        assertTrue(e.getMessage().startsWith("hooks.startContainer: reading the init's pid from /proc/-5/status"),
                e.getMessage());
    }
}

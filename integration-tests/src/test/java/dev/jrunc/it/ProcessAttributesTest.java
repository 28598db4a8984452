package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.TestBundle;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * process.scheduler, process.ioPriority, linux.personality and process.execCPUAffinity, seen
 * from inside the container: /proc/self/stat (nice is field 19, rt_priority 40, policy 41),
 * busybox ionice, /proc/self/personality and Cpus_allowed_list.
 */
class ProcessAttributesTest extends ContainerTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prints nice, rt_priority and policy of the shell itself. */
    private static final String STAT_FIELDS = "read -r s < /proc/self/stat; set -- ${s##*) }; "
            + "shift 16; echo \"$1 ${22} ${23}\"";

    private static ObjectNode process(TestBundle bundle) {
        return (ObjectNode) bundle.config().get("process");
    }

    private static String statFieldsOf(RuntimeResult run) {
        assertEquals(0, run.exitCode(), run::describe);
        return run.stdout().lines().findFirst().orElse("").strip();
    }

    @Test
    void aBatchPolicyWithANiceValue() {
        TestBundle bundle = newBundle();
        process(bundle).putObject("scheduler").put("policy", "SCHED_BATCH").put("nice", 7);

        assertEquals("7 0 3", statFieldsOf(runShell(bundle, STAT_FIELDS)), "nice 7, no rt priority, SCHED_BATCH");
    }

    @Test
    void aRealTimePolicyWithItsPriority() {
        TestBundle bundle = newBundle();
        process(bundle).putObject("scheduler").put("policy", "SCHED_RR").put("priority", 12);

        assertEquals("0 12 2", statFieldsOf(runShell(bundle, STAT_FIELDS)), "rt priority 12, SCHED_RR");
    }

    @Test
    void aDeadlinePolicyWithItsParameters() {
        TestBundle bundle = newBundle().args("cat", "/proc/self/sched");
        process(bundle).putObject("scheduler").put("policy", "SCHED_DEADLINE").put("runtime", 2_000_000)
                .put("deadline", 8_000_000).put("period", 16_000_000);

        RuntimeResult run = runtime.run(runtime.newContainerId(), bundle);

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.stdout().lines().anyMatch(l -> l.matches("policy\\s+:\\s+6")), run::describe);
        // dl.runtime is what is left of the budget in the current period: at most the runtime set.
        // (It can dip below zero when the task overran its budget.)
        long left = run.stdout().lines().filter(l -> l.matches("dl\\.runtime\\s+:\\s+-?\\d+"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^-0-9]+", ""))).findFirst().orElse(Long.MAX_VALUE);
        assertTrue(left <= 2_000_000, run::describe);
    }

    @Test
    void theIoPriorityIsTheProcesses() {
        TestBundle bundle = newBundle();
        process(bundle).putObject("ioPriority").put("class", "IOPRIO_CLASS_BE").put("priority", 6);

        RuntimeResult run = runShell(bundle, "ionice -p $$");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("best-effort: prio 6", run.stdout().strip());
    }

    @Test
    void theIdleIoClass() {
        TestBundle bundle = newBundle();
        process(bundle).putObject("ioPriority").put("class", "IOPRIO_CLASS_IDLE");

        RuntimeResult run = runShell(bundle, "ionice -p $$");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("idle", run.stdout().strip());
    }

    @Test
    void theLinux32PersonalityReportsA32BitMachine() {
        TestBundle bundle = newBundle();
        ((ObjectNode) bundle.config().get("linux")).putObject("personality").put("domain", "LINUX32");

        RuntimeResult run = runShell(bundle, "cat /proc/self/personality; uname -m");

        assertEquals(0, run.exitCode(), run::describe);
        List<String> lines = run.stdout().lines().toList();
        assertEquals("00000008", lines.get(0));
        assertTrue(List.of("i686", "i386").contains(lines.get(1)), lines::toString);
        assertEquals("00000000", runShell(newBundle(), "cat /proc/self/personality").stdout().strip(),
                "the default persona");
    }

    @Test
    void badSchedulerValuesFailCreateNamingTheFieldAndLeaveNothing() {
        TestBundle bundle = newBundle();
        process(bundle).putObject("scheduler").put("policy", "SCHED_DEADLINE").put("runtime", 9_000_000)
                .put("deadline", 8_000_000);
        String id = runtime.newContainerId();

        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));

        assertNotEquals(0, create.exitCode(), create::describe);
        assertTrue(create.mentions("process.scheduler.runtime: 9000000 is greater than the deadline 8000000"),
                create::describe);
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)));
    }

    @Test
    void aPolicyTheKernelRefusesFailsCreateNamingTheField() {
        // SCHED_ISO is in the spec but not in mainline Linux.
        TestBundle bundle = newBundle();
        process(bundle).putObject("scheduler").put("policy", "SCHED_ISO");
        String id = runtime.newContainerId();

        RuntimeResult create = runtime.create(id, bundle, workspace.path("init.pid"));

        assertNotEquals(0, create.exitCode(), create::describe);
        assertTrue(create.mentions("process.scheduler: sched_setattr(SCHED_ISO"), create::describe);
        assertTrue(create.mentions("invalid argument"), create::describe);
        assertFalse(Files.exists(runtime.stateRoot().resolve(id)));
    }

    // ---- CPU affinity ----------------------------------------------------------------------------

    private static void assumeTwoCpus() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two CPUs to tell affinities apart");
    }

    private static String cpusAllowed(String stdout) {
        return stdout.lines().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElse("<none>")
                .substring("Cpus_allowed_list:".length()).strip();
    }

    @Test
    void theInitIsResetToEveryCpuWhateverTheRuntimeRunsOn() throws Exception {
        assumeTwoCpus();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")), "util-linux taskset is not installed");
        TestBundle bundle = newBundle().shell("grep Cpus_allowed_list /proc/self/status");
        process(bundle).putObject("execCPUAffinity").put("final", "0");
        Path dir = bundle.write();
        Path out = workspace.path("pinned.out");
        List<String> command = new ArrayList<>(List.of("/usr/bin/taskset", "-c", "0"));
        command.addAll(runtime.commandLine("run", "--bundle", dir.toString(), runtime.newContainerId()));
        Process run = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "run did not finish");
        assertEquals(0, run.exitValue(), () -> readQuietly(out));

        // runc's tryResetCPUAffinity; execCPUAffinity is for exec'd processes only.
        String expected = "0-" + (Runtime.getRuntime().availableProcessors() - 1);
        assertEquals(expected, cpusAllowed(Files.readString(out)));
    }

    private String runningContainer(TestBundle bundle) {
        String id = runtime.newContainerId();
        runtime.createSuccessfully(id, bundle.args("sleep", "600"), workspace.path("init.pid"));
        RuntimeResult start = runtime.start(id);
        assertEquals(0, start.exitCode(), start::describe);
        return id;
    }

    private Path processFile(TestBundle template, ObjectNode extra, String... args) throws IOException {
        ObjectNode process = process(template).deepCopy();
        ArrayNode argArray = process.putArray("args");
        for (String arg : args) {
            argArray.add(arg);
        }
        process.setAll(extra);
        Path file = Files.createTempFile(workspace.directory(), "process-", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(file.toFile(), process);
        return file;
    }

    private RuntimeResult exec(String id, Path processFile) {
        return runtime.invoke("exec", "--process", processFile.toString(), id);
    }

    @Test
    void execTakesTheFinalAffinityOrKeepsTheInitialOne() throws IOException {
        assumeTwoCpus();
        TestBundle bundle = newBundle();
        String id = runningContainer(bundle);
        String last = Integer.toString(Runtime.getRuntime().availableProcessors() - 1);

        ObjectNode both = JSON.createObjectNode();
        both.putObject("execCPUAffinity").put("initial", "0").put("final", last);
        RuntimeResult finalOne = exec(id, processFile(bundle, both, "grep", "Cpus_allowed_list", "/proc/self/status"));
        assertEquals(0, finalOne.exitCode(), finalOne::describe);
        assertEquals(last, cpusAllowed(finalOne.stdout()));

        ObjectNode initialOnly = JSON.createObjectNode();
        initialOnly.putObject("execCPUAffinity").put("initial", "0");
        RuntimeResult initial = exec(id, processFile(bundle, initialOnly, "grep", "Cpus_allowed_list", "/proc/self/status"));
        assertEquals(0, initial.exitCode(), initial::describe);
        assertEquals("0", cpusAllowed(initial.stdout()));
    }

    @Test
    void execTakesTheContainersSettingsUnlessItsProcessHasItsOwn() throws IOException {
        assumeTwoCpus();
        TestBundle bundle = newBundle();
        process(bundle).putObject("scheduler").put("policy", "SCHED_BATCH").put("nice", 4);
        process(bundle).putObject("ioPriority").put("class", "IOPRIO_CLASS_BE").put("priority", 2);
        process(bundle).putObject("execCPUAffinity").put("final", "1");
        String id = runningContainer(bundle);
        String script = STAT_FIELDS + "; ionice -p $$; grep Cpus_allowed_list /proc/self/status";

        // Without its own settings (the container's process, as `exec ID CMD` builds it).
        RuntimeResult inherited = runtime.invoke("exec", id, "sh", "-c", script);
        assertEquals(0, inherited.exitCode(), inherited::describe);
        List<String> lines = inherited.stdout().lines().toList();
        assertEquals(List.of("4 0 3", "best-effort: prio 2"), lines.subList(0, 2));
        assertEquals("1", cpusAllowed(inherited.stdout()));

        // A process file that leaves them out gets them too, as runc's newInitConfig does.
        ObjectNode noSettings = process(bundle).deepCopy();
        noSettings.remove(List.of("scheduler", "ioPriority", "execCPUAffinity"));
        Path file = Files.createTempFile(workspace.directory(), "bare-", ".json");
        noSettings.putArray("args").add("sh").add("-c").add(script);
        JSON.writeValue(file.toFile(), noSettings);
        RuntimeResult fromFile = exec(id, file);
        assertEquals(0, fromFile.exitCode(), fromFile::describe);
        assertEquals(List.of("4 0 3", "best-effort: prio 2"), fromFile.stdout().lines().toList().subList(0, 2));

        // Its own settings win.
        ObjectNode own = JSON.createObjectNode();
        own.putObject("scheduler").put("policy", "SCHED_OTHER").put("nice", 9);
        own.putObject("ioPriority").put("class", "IOPRIO_CLASS_IDLE");
        own.putObject("execCPUAffinity").put("final", "0");
        RuntimeResult overridden = exec(id, processFile(bundle, own, "sh", "-c", script));
        assertEquals(0, overridden.exitCode(), overridden::describe);
        assertEquals(List.of("9 0 0", "idle"), overridden.stdout().lines().toList().subList(0, 2));
        assertEquals("0", cpusAllowed(overridden.stdout()));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }
}

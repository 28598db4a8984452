package dev.jrunc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jrunc.it.fuzz.ConfigVariant;
import dev.jrunc.it.fuzz.ConfigVariants;
import dev.jrunc.it.harness.CommandResult;
import dev.jrunc.it.harness.CommandRunner;
import dev.jrunc.it.harness.ContainerTestSupport;
import dev.jrunc.it.harness.HostSnapshot;
import dev.jrunc.it.harness.ItEnvironment;
import dev.jrunc.it.harness.Leftovers;
import dev.jrunc.it.harness.RootfsCopy;
import dev.jrunc.it.harness.RuntimeResult;
import dev.jrunc.it.harness.SharedRootfs;
import dev.jrunc.it.harness.TestBundle;
import dev.jrunc.it.harness.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds {@code create} a few hundred malformed and hostile config.json variants (and container
 * ids), generated deterministically from a seed by {@link ConfigVariants}, and requires for each
 * what engines rely on: a non-zero exit, one short line on stderr naming the offending field
 * (where there is one) and no stack trace, the same message as a {@code "level":"error"} line in
 * the JSON --log, no pid file, and nothing left behind: no state directory, no cgroup or process
 * carrying the id, no mount, no change to the host's sensitive files.
 *
 * <p>{@code -Djrunc.it.fuzz.seed=N} replays another seed, {@code -Djrunc.it.fuzz.random=N} sets how
 * many of the variants are random draws (the rest are fixed cases).
 */
class ConfigFuzzTest extends ContainerTestSupport {

    private static final long SEED = Long.getLong("jrunc.it.fuzz.seed", 0x5ec7e575L);
    private static final int RANDOM_VARIANTS = Integer.getInteger("jrunc.it.fuzz.random", 180);
    private static final int THREADS = 3;
    private static final int MAX_LINE = 500;
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    // A few hundred JVM starts: minutes on a loaded 2-core machine, not the default 3.
    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void malformedAndHostileConfigsAreRefusedCleanly() throws Exception {
        RootfsCopy rootfs = RootfsCopy.of(workspace.path("fuzz-rootfs"));
        ObjectNode base = baseConfig(rootfs.path());
        assertBaseConfigRuns(base, rootfs.path());
        List<ConfigVariant> variants = ConfigVariants.generate(base, SEED, RANDOM_VARIANTS);
        assertTrue(variants.size() >= 250, "only " + variants.size() + " variants");
        String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        List<Path> own = List.of(workspace.directory(), runtime.stateRoot(), SharedRootfs.get().rootfs());
        HostSnapshot before = HostSnapshot.take(HostSnapshot.sensitiveHostFiles(), List.of(), own);

        Map<ConfigVariant, Verdict> verdicts = new LinkedHashMap<>();
        CommandRunner runner = new CommandRunner(workspace.newDirectory("fuzz-output"));
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Verdict>> futures = new ArrayList<>();
            for (ConfigVariant variant : variants) {
                String id = variant.containerId() != null ? variant.containerId()
                        : Workspace.PREFIX + "fuzz-" + run + "-" + variant.number();
                futures.add(pool.submit(() -> attempt(runner, variant, id)));
            }
            for (int i = 0; i < variants.size(); i++) {
                verdicts.put(variants.get(i), futures.get(i).get());
            }
        }

        List<String> problems = new ArrayList<>();
        verdicts.forEach((variant, verdict) -> verdict.problems().forEach(p -> problems.add(describe(variant) + ": " + p)));
        problems.addAll(leftovers(verdicts));
        HostSnapshot after = HostSnapshot.take(HostSnapshot.sensitiveHostFiles(), List.of(), own);
        after.changesSince(before).forEach(change -> problems.add("host changed: " + change));
        System.out.println(summary(verdicts));
        assertEquals(List.of(), problems, () -> problems.size() + " problems (seed " + SEED + "):\n"
                + String.join("\n", problems.subList(0, Math.min(60, problems.size()))));
    }

    // ---- one variant ----------------------------------------------------------------------------

    /** What happened to one variant: the id used, the error line, and what was wrong. */
    private record Verdict(String id, String line, List<String> problems) {
    }

    private Verdict attempt(CommandRunner runner, ConfigVariant variant, String id) throws IOException {
        Path dir = workspace.newDirectory("fuzz/" + "%03d".formatted(variant.number()));
        Files.write(dir.resolve("config.json"), variant.config());
        Path log = dir.resolve("log.json");
        Path pidFile = dir.resolve("init.pid");
        List<String> command = List.of(ItEnvironment.current().runtimeBinary().toString(),
                "--root", runtime.stateRoot().toString(), "--log", log.toString(), "--log-format", "json",
                "create", "--bundle", dir.toString(), "--pid-file", pidFile.toString(), id);
        CommandResult result = runner.run(command, dir, CREATE_TIMEOUT);
        List<String> problems = new ArrayList<>();
        List<String> lines = result.stderrLines();
        String line = lines.isEmpty() ? "" : lines.getFirst();
        if (result.timedOut()) {
            problems.add("hung: create did not end within " + CREATE_TIMEOUT);
        } else if (result.exitCode() == 0) {
            problems.add("accepted: create succeeded");
            // Not ours to keep: take it down so it does not disturb the rest.
            runtime.invoke("delete", "--force", id);
        }
        if (lines.size() != 1) {
            problems.add("expected one line on stderr, got " + lines.size() + ": " + abbreviate(result.stderr()));
        }
        if (line.length() > MAX_LINE) {
            problems.add("stderr line of " + line.length() + " characters");
        }
        if (line.contains("internal error") || line.contains("java.") || result.stderr().contains("\tat ")) {
            problems.add("a bug, not a clean refusal: " + abbreviate(line));
        }
        if (variant.expectedField() != null && !line.contains(variant.expectedField())) {
            problems.add("does not name " + variant.expectedField() + ": " + abbreviate(line));
        }
        List<String> logged = errorMessages(log);
        if (!logged.contains(line)) {
            problems.add("--log has no {\"level\":\"error\",\"msg\":...} line with the stderr message: " + logged);
        }
        if (Files.exists(pidFile)) {
            problems.add("a pid file was written");
        }
        return new Verdict(id, line, problems);
    }

    private static List<String> errorMessages(Path log) {
        List<String> messages = new ArrayList<>();
        if (!Files.exists(log)) {
            return messages;
        }
        try {
            for (String text : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                JsonNode entry = JSON.readTree(text);
                if (entry != null && "error".equals(entry.path("level").asText()) && entry.path("msg").isTextual()) {
                    messages.add(entry.path("msg").asText());
                }
            }
        } catch (IOException e) {
            messages.add("(unreadable log: " + e.getMessage() + ")");
        }
        return messages;
    }

    // ---- what may be left behind -------------------------------------------------------------------

    private List<String> leftovers(Map<ConfigVariant, Verdict> verdicts) {
        List<String> found = new ArrayList<>();
        List<String> stateEntries = list(runtime.stateRoot());
        if (!stateEntries.isEmpty()) {
            found.add("state directories left under --root: " + stateEntries);
        }
        Path escape = runtime.stateRoot().resolveSibling(Workspace.PREFIX + "escape");
        if (Files.exists(escape)) {
            found.add("state directory outside --root: " + escape);
        }
        // Only the generated ids are distinctive enough to look for in /proc and in cgroup names.
        Set<String> ids = verdicts.entrySet().stream()
                .filter(e -> e.getKey().containerId() == null)
                .map(e -> e.getValue().id())
                .collect(Collectors.toSet());
        Leftovers.processesMentioningAnyOf(ids).forEach(p -> found.add("process left behind: " + p));
        Leftovers.cgroupsNamedAnyOf(ids).forEach(c -> found.add("cgroup left behind: " + c));
        for (Path cgroup : Leftovers.cgroupsNamedAnyOf(ids)) {
            Leftovers.removeCgroupsNamed(cgroup.getFileName().toString());
        }
        return found;
    }

    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- set-up and report -----------------------------------------------------------------------

    /**
     * make-bundle's config with more to break: extra groups, an annotation, a sysctl, a device
     * and a tmpfs, on a private rootfs copy (mount points the variants create land there).
     */
    private static ObjectNode baseConfig(Path rootfs) {
        ObjectNode config = SharedRootfs.get().templateConfig();
        config.putObject("root").put("path", rootfs.toString()).put("readonly", true);
        ObjectNode process = (ObjectNode) config.get("process");
        process.putArray("args").add("true");
        ((ObjectNode) process.get("user")).putArray("additionalGids").add(10).add(20);
        config.putObject("annotations").put("fuzz", "yes");
        ObjectNode linux = (ObjectNode) config.get("linux");
        linux.putObject("sysctl").put("net.ipv4.ip_forward", "0");
        linux.putArray("devices").addObject().put("path", "/dev/fuse").put("type", "c").put("major", 10)
                .put("minor", 229).put("fileMode", 438).put("uid", 0).put("gid", 0);
        ObjectNode tmp = ((ArrayNode) config.get("mounts")).addObject()
                .put("destination", "/tmp").put("type", "tmpfs").put("source", "tmpfs");
        tmp.putArray("options").add("nosuid").add("size=1m").add("mode=1777");
        return config;
    }

    /** Every variant must fail because of what it changed: the base itself must run. */
    private void assertBaseConfigRuns(ObjectNode base, Path rootfs) {
        TestBundle bundle = new TestBundle(workspace.newDirectory("fuzz-base"), rootfs, base.deepCopy());
        String id = runtime.newContainerId();
        RuntimeResult create = runtime.create(id, bundle, workspace.path("fuzz-base.pid"));
        assertEquals(0, create.exitCode(), () -> "the base config of the variants does not run:\n" + create.describe());
        RuntimeResult delete = runtime.deleteForce(id);
        assertEquals(0, delete.exitCode(), delete::describe);
    }

    private static String summary(Map<ConfigVariant, Verdict> verdicts) {
        Map<String, int[]> byCategory = new TreeMap<>();
        verdicts.forEach((variant, verdict) -> {
            int[] counts = byCategory.computeIfAbsent(variant.category(), c -> new int[2]);
            counts[0]++;
            counts[1] += verdict.problems().isEmpty() ? 0 : 1;
        });
        StringBuilder out = new StringBuilder("config fuzz, seed " + SEED + ": " + verdicts.size() + " variants\n");
        byCategory.forEach((category, counts) -> out.append("  %-20s %4d variants, %3d with problems%n"
                .formatted(category, counts[0], counts[1])));
        return out.toString();
    }

    private static String describe(ConfigVariant variant) {
        return "#" + variant.number() + " [" + variant.category() + "] " + variant.label();
    }

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', '|');
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

}

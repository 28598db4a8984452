package dev.jrunc.it.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Generates malformed and hostile variants of a valid config.json, deterministically from a seed:
 * every variant must make {@code create} fail, so each one breaks the config in a way the spec,
 * the kernel or runc's rules forbid (a wrong JSON type, a missing required member, a number out
 * of its range, an unknown name, a NUL character, a string too long for the kernel, a path that
 * must be absolute or must stay below /dev, JSON that does not parse, a container id that is no
 * plain name...). Values the runtime may legitimately accept are not generated.
 *
 * <p>The base config must hold what {@link #generate} mutates: process.user.additionalGids, a
 * process.rlimits entry, a linux.devices entry, linux.sysctl, annotations, and the namespaces
 * pid, network, ipc, uts and mount.
 */
public final class ConfigVariants {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** jrunc's limit on JSON nesting (JsonReader.MAX_DEPTH, which is jackson-core's default). */
    private static final int MAX_NESTING = 1000;

    private final ObjectNode base;
    private final Random random;
    private final List<ConfigVariant> variants = new ArrayList<>();

    private ConfigVariants(ObjectNode base, long seed) {
        this.base = base;
        this.random = new Random(seed);
    }

    /**
     * About {@code 150 + randomCount} variants of {@code base}: every fixed case once, plus
     * {@code randomCount} random wrong types, NUL characters and broken JSON texts.
     */
    public static List<ConfigVariant> generate(ObjectNode base, long seed, int randomCount) {
        ConfigVariants g = new ConfigVariants(base, seed);
        g.invalidJson(randomCount / 5);
        g.wrongTypes(randomCount / 2);
        g.missingRequired();
        g.absurdNumbers();
        g.unknownCapabilities();
        g.namespaces();
        g.relativeAndClimbingPaths();
        g.nulCharacters(randomCount - randomCount / 5 - randomCount / 2);
        g.hugeStrings();
        g.deepNesting();
        g.rlimits();
        g.seccomp();
        g.sysctl();
        g.mountOptions();
        g.containerIds();
        g.others();
        return List.copyOf(g.variants);
    }

    // ---- categories ---------------------------------------------------------------------------

    private void invalidJson(int count) {
        String text = text(base);
        List<Integer> structural = structuralPositions(text);
        for (int i = 0; i < count; i++) {
            switch (i % 3) {
                case 0 -> {
                    int cut = 1 + random.nextInt(text.length() - 2);
                    raw("invalid-json", "cut after " + cut + " of " + text.length() + " characters", "malformed JSON",
                            text.substring(0, cut));
                }
                case 1 -> {
                    int at = structural.get(random.nextInt(structural.size()));
                    raw("invalid-json", "'" + text.charAt(at) + "' at " + at + " deleted", "malformed JSON",
                            text.substring(0, at) + text.substring(at + 1));
                }
                default -> {
                    int at = structural.get(random.nextInt(structural.size()));
                    char junk = "{}[]:,@#x\"'".charAt(random.nextInt(11));
                    raw("invalid-json", "'" + junk + "' inserted at " + at, "malformed JSON",
                            text.substring(0, at) + junk + text.substring(at));
                }
            }
        }
        raw("invalid-json", "empty file", "malformed JSON", "");
        raw("invalid-json", "only whitespace", "malformed JSON", " \n\t ");
        raw("invalid-json", "a second document after the first", "malformed JSON", text + " {}");
        raw("invalid-json", "trailing comma", "malformed JSON", text.replaceFirst("\\]", ",]"));
        raw("invalid-json", "comment", "malformed JSON", "// config\n" + text);
        raw("invalid-json", "single-quoted name", "malformed JSON", text.replaceFirst("\"ociVersion\"", "'ociVersion'"));
        raw("invalid-json", "NaN", "malformed JSON", text.replaceFirst("\"uid\": ?0", "\"uid\": NaN"));
        raw("invalid-json", "raw control character in a string", "malformed JSON",
                text.replaceFirst("\"ociVersion\": ?\"", "\"ociVersion\": \"\u0001"));
        raw("invalid-json", "unterminated string", "malformed JSON", "{\"ociVersion\": \"1.3.0");
        for (String top : List.of("[]", "\"config\"", "42", "null", "true")) {
            raw("invalid-json", "top level " + top, "expected an object", top);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int quote = text.indexOf("\"ociVersion\"") + 1;
        bytes[quote] = (byte) 0xff;
        add("invalid-json", "invalid UTF-8", "malformed JSON", bytes, null);
    }

    private void wrongTypes(int count) {
        List<List<Object>> paths = new ArrayList<>();
        collect(base, new ArrayList<>(), paths);
        for (int i = 0; i < count; i++) {
            List<Object> path = paths.get(random.nextInt(paths.size()));
            JsonNode current = get(base, path);
            JsonNode replacement = wrongTypeFor(current);
            mutate("wrong-type", format(path) + " = " + replacement, format(path), c -> set(c, path, replacement));
        }
        // Inside an array null stands for nothing and is an error (outside it means "absent").
        mutate("wrong-type", "process.args[0] = null", "process.args[0]",
                c -> ((ArrayNode) c.at("/process/args")).set(0, NODES.nullNode()));
        mutate("wrong-type", "mounts[1] = null", "mounts[1]", c -> ((ArrayNode) c.get("mounts")).set(1, NODES.nullNode()));
        mutate("wrong-type", "linux.namespaces[0] = null", "linux.namespaces[0]",
                c -> ((ArrayNode) c.at("/linux/namespaces")).set(0, NODES.nullNode()));
    }

    private void missingRequired() {
        String[][] required = {
                {"/ociVersion", "ociVersion"}, {"/root", "root"}, {"/root/path", "root.path"},
                {"/process", "process"}, {"/process/cwd", "process.cwd"}, {"/process/args", "process.args"},
                {"/process/user/uid", "process.user.uid"}, {"/process/user/gid", "process.user.gid"},
                {"/mounts/0/destination", "mounts[0].destination"}, {"/mounts/3/destination", "mounts[3].destination"},
                {"/linux/namespaces/2/type", "linux.namespaces[2].type"},
                {"/process/rlimits/0/type", "process.rlimits[0].type"},
                {"/process/rlimits/0/soft", "process.rlimits[0].soft"},
                {"/process/rlimits/0/hard", "process.rlimits[0].hard"},
                {"/linux/devices/0/path", "linux.devices[0].path"}, {"/linux/devices/0/type", "linux.devices[0].type"},
                {"/linux/devices/0/major", "linux.devices[0].major"}, {"/linux/devices/0/minor", "linux.devices[0].minor"},
                {"/linux/resources/devices/0/allow", "linux.resources.devices[0].allow"},
        };
        for (String[] r : required) {
            mutate("missing-required", "no " + r[1], r[1], c -> remove(c, r[0]));
        }
    }

    private void absurdNumbers() {
        BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
        Object[][] cases = {
                {"/process/user/uid", -1L, "process.user.uid"},
                {"/process/user/uid", 4294967296L, "process.user.uid"},
                {"/process/user/uid", twoTo64, "process.user.uid"},
                {"/process/user/uid", new BigInteger("99999999999999999999999999999999"), "process.user.uid"},
                {"/process/user/uid", 1.5, "process.user.uid"},
                {"/process/user/uid", 1e300, "process.user.uid"},
                {"/process/user/gid", -7L, "process.user.gid"},
                {"/process/user/gid", 4294967296L, "process.user.gid"},
                {"/process/user/additionalGids/0", -5L, "process.user.additionalGids[0]"},
                {"/process/user/additionalGids/1", 4294967296L, "process.user.additionalGids[1]"},
                {"/process/rlimits/0/soft", -1L, "process.rlimits[0].soft"},
                {"/process/rlimits/0/hard", twoTo64, "process.rlimits[0].hard"},
                {"/process/rlimits/0/soft", 4096L, "process.rlimits[0]"},
                {"/process/oomScoreAdj", 1001L, "process.oomScoreAdj"},
                {"/process/oomScoreAdj", -1001L, "process.oomScoreAdj"},
                {"/process/oomScoreAdj", 2147483648L, "process.oomScoreAdj"},
                {"/linux/devices/0/major", 4096L, "linux.devices[0].major"},
                {"/linux/devices/0/major", -1L, "linux.devices[0].major"},
                {"/linux/devices/0/minor", 1048576L, "linux.devices[0].minor"},
                {"/linux/devices/0/major", new BigInteger("9223372036854775808"), "linux.devices[0].major"},
                {"/linux/devices/0/uid", -1L, "linux.devices[0].uid"},
                {"/linux/devices/0/fileMode", -1L, "linux.devices[0].fileMode"},
        };
        for (Object[] n : cases) {
            String pointer = (String) n[0];
            JsonNode value = numberNode(n[1]);
            mutate("absurd-number", n[2] + " = " + value, (String) n[2], c -> setPointer(c, pointer, value));
        }
        mutate("absurd-number", "process.user.umask = -1", "process.user.umask",
                c -> ((ObjectNode) c.at("/process/user")).put("umask", -1));
        mutate("absurd-number", "process.user.umask = 2^32", "process.user.umask",
                c -> ((ObjectNode) c.at("/process/user")).put("umask", 4294967296L));
        mutate("absurd-number", "process.consoleSize.height = -1", "process.consoleSize.height",
                c -> ((ObjectNode) c.get("process")).putObject("consoleSize").put("height", -1).put("width", 80));
        mutate("absurd-number", "process.consoleSize.width = 65536", "process.consoleSize.width",
                c -> ((ObjectNode) c.get("process")).putObject("consoleSize").put("height", 24).put("width", 65536));
        mutate("absurd-number", "process.ioPriority.priority = 8", "process.ioPriority.priority",
                c -> ((ObjectNode) c.get("process")).putObject("ioPriority").put("class", "IOPRIO_CLASS_BE").put("priority", 8));
        mutate("absurd-number", "hooks.prestart[0].timeout = 0", "hooks.prestart[0].timeout",
                c -> c.putObject("hooks").putArray("prestart").addObject().put("path", "/bin/true").put("timeout", 0));
        mutate("absurd-number", "hooks.poststart[0].timeout = -3", "hooks.poststart[0].timeout",
                c -> c.putObject("hooks").putArray("poststart").addObject().put("path", "/bin/true").put("timeout", -3));
        mutate("absurd-number", "linux.uidMappings[0].size = 0", "linux.uidMappings[0].size", c -> {
            userNamespace(c);
            ((ObjectNode) c.at("/linux/uidMappings/0")).put("size", 0);
        });
        mutate("absurd-number", "linux.gidMappings[0].hostID = -1", "linux.gidMappings[0].hostID", c -> {
            userNamespace(c);
            ((ObjectNode) c.at("/linux/gidMappings/0")).put("hostID", -1);
        });
        mutate("absurd-number", "linux.timeOffsets.monotonic.secs = 2^63", "linux.timeOffsets.monotonic.secs", c -> {
            ((ArrayNode) c.at("/linux/namespaces")).addObject().put("type", "time");
            ((ObjectNode) c.get("linux")).putObject("timeOffsets").putObject("monotonic")
                    .put("secs", new BigInteger("9223372036854775808"));
        });
        mutate("absurd-number", "RLIMIT_NOFILE hard = 2^40", "RLIMIT_NOFILE", c -> {
            ObjectNode r = (ObjectNode) c.at("/process/rlimits/0");
            r.put("soft", 1L << 40).put("hard", 1L << 40);
        });
    }

    private void unknownCapabilities() {
        String[] sets = {"bounding", "effective", "permitted", "inheritable", "ambient"};
        for (int i = 0; i < 10; i++) {
            String set = sets[i % sets.length];
            String name = switch (i / sets.length) {
                case 0 -> "CAP_FUZZ_" + randomWord(6).toUpperCase(java.util.Locale.ROOT);
                default -> List.of("cap_chown", "CAP_", "", "CAP_SYS_ADMIN ", "CAP_SYS_ADMIN,CAP_NET_ADMIN").get(i % 5);
            };
            mutate("unknown-capability", "process.capabilities." + set + " += \"" + name + "\"",
                    "process.capabilities." + set, c -> {
                        ObjectNode caps = (ObjectNode) c.at("/process/capabilities");
                        JsonNode list = caps.get(set);
                        (list instanceof ArrayNode a ? a : caps.putArray(set)).add(name);
                    });
        }
    }

    private void namespaces() {
        for (int i = 0; i < 3; i++) {
            String type = i == 0 ? "" : i == 1 ? "PID" : randomWord(8);
            mutate("namespace", "unknown namespace type \"" + type + "\"", "linux.namespaces[" + nsCount() + "].type",
                    c -> namespacesOf(c).addObject().put("type", type));
        }
        for (String type : List.of("pid", "mount", "network")) {
            mutate("namespace", "duplicate " + type + " namespace", "linux.namespaces[" + nsCount() + "].type",
                    c -> namespacesOf(c).addObject().put("type", type));
        }
        int net = nsIndex("network");
        String netPath = "linux.namespaces[" + net + "].path";
        for (String path : List.of("proc/self/ns/net", "/nonexistent/jrunc-fuzz/ns/net", "/etc/passwd",
                "/proc/self/ns/uts", "/proc/../nonexistent/ns")) {
            mutate("namespace", "network namespace path " + path, netPath,
                    c -> ((ObjectNode) namespacesOf(c).get(net)).put("path", path));
        }
        mutate("namespace", "user namespace without mappings", "linux.uidMappings",
                c -> namespacesOf(c).addObject().put("type", "user"));
        mutate("namespace", "mappings without a user namespace", "linux.uidMappings",
                c -> ((ObjectNode) c.get("linux")).putArray("uidMappings").addObject()
                        .put("containerID", 0).put("hostID", 100000).put("size", 1));
        mutate("namespace", "timeOffsets without a time namespace", "linux.timeOffsets",
                c -> ((ObjectNode) c.get("linux")).putObject("timeOffsets").putObject("boottime").put("secs", 5));
        mutate("namespace", "timeOffsets with an unknown clock", "linux.timeOffsets.realtime", c -> {
            namespacesOf(c).addObject().put("type", "time");
            ((ObjectNode) c.get("linux")).putObject("timeOffsets").putObject("realtime").put("secs", 5);
        });
        mutate("namespace", "hostname without a uts namespace", "hostname", c -> removeNamespace(c, "uts"));
        mutate("namespace", "maskedPaths without a mount namespace", "linux.maskedPaths", c -> removeNamespace(c, "mount"));
        mutate("namespace", "sysctl net.* without a network namespace", "linux.sysctl", c -> removeNamespace(c, "network"));
    }

    private void relativeAndClimbingPaths() {
        mutate("relative-path", "process.cwd = \"tmp\"", "process.cwd", c -> ((ObjectNode) c.get("process")).put("cwd", "tmp"));
        mutate("relative-path", "process.cwd = \"\"", "process.cwd", c -> ((ObjectNode) c.get("process")).put("cwd", ""));
        mutate("relative-path", "hook path \"bin/true\"", "hooks.prestart[0].path",
                c -> c.putObject("hooks").putArray("prestart").addObject().put("path", "bin/true"));
        mutate("relative-path", "device path \"dev/fuzz\"", "linux.devices[0].path",
                c -> ((ObjectNode) c.at("/linux/devices/0")).put("path", "dev/fuzz"));
        mutate("relative-path", "root.path \"no-such-rootfs\"", "root.path",
                c -> ((ObjectNode) c.get("root")).put("path", "no-such-rootfs"));
        mutate("relative-path", "bind source \"no/such/dir\"", "mounts[" + mountCount() + "].source",
                c -> addMount(c, "/mnt", "bind", "no/such/dir", "rbind"));
        for (String path : List.of("/dev/../etc/jrunc-fuzz", "/dev/fuzz/../../etc/passwd", "/dev/..", "/dev/", "/dev",
                "/etc/jrunc-fuzz", "/dev/./../bin/sh")) {
            mutate("dotdot-path", "device path " + path, "linux.devices[0].path",
                    c -> ((ObjectNode) c.at("/linux/devices/0")).put("path", path));
        }
        mutate("dotdot-path", "root.path climbing to nothing", "root.path",
                c -> ((ObjectNode) c.get("root")).put("path", "../../../../../../../../no-such-rootfs-jrunc-fuzz"));
        mutate("dotdot-path", "bind source climbing to nothing", "mounts[" + mountCount() + "].source",
                c -> addMount(c, "/mnt", "bind", "../../../../../../../../no/such/jrunc-fuzz", "rbind"));
        mutate("dotdot-path", "hook path through a missing directory", "hooks.createRuntime[0]",
                c -> c.putObject("hooks").putArray("createRuntime").addObject()
                        .put("path", "/bin/../no-such-dir-jrunc-fuzz/../true"));
    }

    private void nulCharacters(int count) {
        List<List<Object>> strings = new ArrayList<>();
        collect(base, new ArrayList<>(), strings);
        strings.removeIf(p -> !get(base, p).isTextual() || p.getFirst().equals("annotations"));
        for (int i = 0; i < count; i++) {
            List<Object> path = strings.get(random.nextInt(strings.size()));
            String value = get(base, path).asText();
            int at = random.nextInt(value.length() + 1);
            String poisoned = value.substring(0, at) + '\0' + value.substring(at);
            mutate("nul-byte", format(path) + " with a NUL at " + at, format(path),
                    c -> set(c, path, NODES.textNode(poisoned)));
        }
        mutate("nul-byte", "sysctl key with a NUL", "linux.sysctl[",
                c -> ((ObjectNode) c.at("/linux/sysctl")).put("net.ipv4.ip_forward\u0000x", "0"));
        mutate("nul-byte", "hook path with a NUL", "hooks.prestart[0].path",
                c -> c.putObject("hooks").putArray("prestart").addObject().put("path", "/bin/tr\u0000ue"));
    }

    private void hugeStrings() {
        String big = "h".repeat(100_000);
        mutate("huge-string", "hostname of 100000 bytes", "hostname", c -> c.put("hostname", big));
        mutate("huge-string", "hostname of 65 bytes", "hostname", c -> c.put("hostname", "h".repeat(65)));
        mutate("huge-string", "domainname of 300 bytes", "domainname", c -> c.put("domainname", "d".repeat(300)));
        mutate("huge-string", "args[1] of 2 MB", "process.args[1]",
                c -> ((ArrayNode) c.at("/process/args")).add("a".repeat(2_000_000)));
        mutate("huge-string", "env entry of 200 kB", "process.env[",
                c -> ((ArrayNode) c.at("/process/env")).add("FUZZ=" + "e".repeat(200_000)));
        mutate("huge-string", "args[0] of 300 kB", "process.args[0]", c -> ((ArrayNode) c.at("/process/args")).set(0, "x".repeat(300_000)));
        mutate("huge-string", "cwd with a 300-byte component", "process.cwd",
                c -> ((ObjectNode) c.get("process")).put("cwd", "/" + "c".repeat(300)));
        mutate("huge-string", "cwd of 5000 bytes", "process.cwd",
                c -> ((ObjectNode) c.get("process")).put("cwd", "/c".repeat(2500)));
        mutate("huge-string", "mount destination with a 300-byte component", "mounts[" + mountCount() + "]",
                c -> addMount(c, "/" + "m".repeat(300), "tmpfs", "tmpfs"));
        mutate("huge-string", "device path with a 300-byte name", "linux.devices",
                c -> ((ObjectNode) c.at("/linux/devices/0")).put("path", "/dev/" + "d".repeat(300)));
        mutate("huge-string", "capability name of 100 kB", "process.capabilities.bounding",
                c -> ((ArrayNode) c.at("/process/capabilities/bounding")).add("CAP_" + "X".repeat(100_000)));
        mutate("huge-string", "rlimit type of 100 kB", "process.rlimits[0].type",
                c -> ((ObjectNode) c.at("/process/rlimits/0")).put("type", "RLIMIT_" + "N".repeat(100_000)));
        mutate("huge-string", "namespace path of 100 kB", "linux.namespaces[" + nsIndex("network") + "].path",
                c -> ((ObjectNode) namespacesOf(c).get(nsIndex("network"))).put("path", "/" + "n".repeat(100_000)));
        mutate("huge-string", "sysctl key of 10 kB", "linux.sysctl",
                c -> ((ObjectNode) c.at("/linux/sysctl")).put("kernel." + "k".repeat(10_000), "1"));
        // Member names beyond the parser's limit (50000) fail as JSON, before any field is known.
        mutate("huge-string", "sysctl key of 100 kB", "malformed JSON",
                c -> ((ObjectNode) c.at("/linux/sysctl")).put("net." + "k".repeat(100_000), "1"));
        mutate("huge-string", "additionalGids with 70000 groups", "process.user.additionalGids", c -> {
            ArrayNode gids = ((ObjectNode) c.at("/process/user")).putArray("additionalGids");
            for (int i = 0; i < 70_000; i++) {
                gids.add(i);
            }
        });
    }

    private void deepNesting() {
        String text = text(base);
        String body = text.substring(0, text.lastIndexOf('}'));
        raw("deep-nesting", "arrays " + (MAX_NESTING + 500) + " deep in an unknown member", "nesting depth",
                body + ", \"x-fuzz\": " + "[".repeat(MAX_NESTING + 500) + "]".repeat(MAX_NESTING + 500) + "}");
        raw("deep-nesting", "objects 5000 deep in annotations", "nesting depth",
                body.replaceFirst("\"annotations\" ?: ?\\{", "\"annotations\": {\"deep\": " + "{\"a\":".repeat(5000)
                        + "1" + "}".repeat(5000) + ", ") + "}");
        raw("deep-nesting", "arrays 100000 deep", "nesting depth", "[".repeat(100_000) + "]".repeat(100_000));
        ArrayNode nested = NODES.arrayNode();
        ArrayNode inner = nested;
        for (int i = 0; i < 500; i++) {
            inner = inner.addArray();
        }
        JsonNode deep = nested;
        mutate("deep-nesting", "process.args[0] an array 500 deep", "process.args[0]",
                c -> ((ArrayNode) c.at("/process/args")).set(0, deep));
        mutate("deep-nesting", "a sysctl value an array 500 deep", "linux.sysctl[",
                c -> ((ObjectNode) c.at("/linux/sysctl")).set("net.ipv4.ip_forward", deep));
    }

    private void rlimits() {
        for (String type : List.of("RLIMIT_FUZZ", "rlimit_nofile", "RLIMIT_NOFILE ", "NOFILE", "RLIMIT_" + randomWord(5))) {
            mutate("rlimit", "rlimit type \"" + type + "\"", "process.rlimits[0].type",
                    c -> ((ObjectNode) c.at("/process/rlimits/0")).put("type", type));
        }
        mutate("rlimit", "duplicate RLIMIT_NOFILE", "process.rlimits[1].type",
                c -> ((ArrayNode) c.at("/process/rlimits")).addObject().put("type", "RLIMIT_NOFILE").put("soft", 1).put("hard", 1));
        mutate("rlimit", "soft above hard", "process.rlimits[0]",
                c -> ((ObjectNode) c.at("/process/rlimits/0")).put("soft", 2048).put("hard", 1024));
        mutate("rlimit", "rlimits not an array", "process.rlimits",
                c -> ((ObjectNode) c.get("process")).putObject("rlimits").put("RLIMIT_NOFILE", 5));
    }

    private void seccomp() {
        record Profile(String label, String field, String json) {
        }
        List<Profile> profiles = List.of(
                new Profile("unknown default action", "linux.seccomp.defaultAction", "{\"defaultAction\": \"SCMP_ACT_FUZZ\"}"),
                new Profile("no default action", "linux.seccomp.defaultAction", "{\"syscalls\": []}"),
                new Profile("unknown rule action", "linux.seccomp.syscalls[0].action",
                        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"KILL\"}]}"),
                new Profile("unknown architecture", "linux.seccomp.architectures[0]",
                        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"architectures\": [\"SCMP_ARCH_FUZZ\"]}"),
                new Profile("unknown flag", "linux.seccomp.flags[0]",
                        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": [\"SECCOMP_FILTER_FLAG_FUZZ\"]}"),
                new Profile("unknown operator", "linux.seccomp.syscalls[0].args[0].op",
                        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": "
                                + "\"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_FUZZ\"}]}]}"),
                new Profile("argument index 6", "linux.seccomp.syscalls[0].args[0].index",
                        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": "
                                + "\"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 6, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}"),
                new Profile("negative errnoRet", "linux.seccomp.syscalls[0].errnoRet",
                        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": "
                                + "\"SCMP_ACT_ERRNO\", \"errnoRet\": -1}]}"),
                new Profile("names not an array", "linux.seccomp.syscalls[0].names",
                        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": \"read\", \"action\": \"SCMP_ACT_ERRNO\"}]}"),
                new Profile("notify without a listener", "linux.seccomp",
                        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_NOTIFY\"}]}"),
                new Profile("listener metadata without a listener path", "linux.seccomp.listenerMetadata",
                        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerMetadata\": \"x\"}"),
                new Profile("profile a string", "linux.seccomp", "\"unconfined\""));
        for (Profile p : profiles) {
            JsonNode profile = parse(p.json());
            mutate("seccomp", p.label(), p.field(), c -> ((ObjectNode) c.get("linux")).set("seccomp", profile));
        }
    }

    private void sysctl() {
        for (String key : List.of("kernel.panic", "vm.swappiness", "fs.file-max", "kernel." + randomWord(6),
                "net.fuzz." + randomWord(6), "", "net/../../kernel/panic", "fs.mqueue")) {
            mutate("sysctl", "sysctl \"" + key + "\"", "linux.sysctl", c -> ((ObjectNode) c.at("/linux/sysctl")).put(key, "1"));
        }
        // (The kernel takes "1 2 3" as 1 and ignores the rest, as runc does: not generated.)
        for (String value : List.of("abc", "1x", "9".repeat(5000))) {
            mutate("sysctl", "net.ipv4.ip_forward = \"" + abbreviate(value) + "\"", "linux.sysctl",
                    c -> ((ObjectNode) c.at("/linux/sysctl")).put("net.ipv4.ip_forward", value));
        }
        mutate("sysctl", "fs.mqueue key without an ipc namespace", "linux.sysctl", c -> {
            removeNamespace(c, "ipc");
            ((ObjectNode) c.at("/linux/sysctl")).put("fs.mqueue.msg_max", "10");
        });
    }

    private void mountOptions() {
        String field = "mounts[" + mountCount() + "]";
        Object[][] mounts = {
                {"tmpfs", "tmpfs", new String[] {"size=abc"}},
                {"tmpfs", "tmpfs", new String[] {"mode=99999"}},
                {"tmpfs", "tmpfs", new String[] {"nr_inodes=-5"}},
                {"tmpfs", "tmpfs", new String[] {"fuzz=1"}},
                {"tmpfs", "tmpfs", new String[] {"uid=abc"}},
                {"proc", "proc", new String[] {"hidepid=fuzz"}},
                {"sysfs", "sysfs", new String[] {"fuzz"}},
                {"devpts", "devpts", new String[] {"newinstance", "gid=abc"}},
                {"mqueue", "mqueue", new String[] {"fuzz=1"}},
                {"jrunc-fuzz-fs", "none", new String[] {}},
                {"bind", "/nonexistent/jrunc-fuzz", new String[] {"rbind"}},
                {"bind", "", new String[] {"bind"}},
                {"none", "none", new String[] {"bind"}},
        };
        for (Object[] m : mounts) {
            String type = (String) m[0];
            String source = (String) m[1];
            String[] options = (String[]) m[2];
            mutate("mount-options", type + " on /mnt with " + String.join(",", options) + " from " + source, field,
                    c -> addMount(c, "/mnt", type, source, options));
        }
        mutate("mount-options", "a mount without a type", field + ".type",
                c -> ((ArrayNode) c.get("mounts")).addObject().put("destination", "/mnt").put("source", "tmpfs"));
        mutate("mount-options", "an id-mapped mount", field + ".uidMappings", c -> {
            ObjectNode m = ((ArrayNode) c.get("mounts")).addObject().put("destination", "/mnt").put("type", "bind")
                    .put("source", "/tmp");
            m.putArray("options").add("rbind");
            m.putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 1);
            m.putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 1);
        });
        mutate("mount-options", "options not an array", field + ".options", c -> ((ArrayNode) c.get("mounts")).addObject()
                .put("destination", "/mnt").put("type", "tmpfs").put("source", "tmpfs").put("options", "size=1m"));
        mutate("mount-options", "proc over a file", "mounts[" + mountCount() + "]",
                c -> addMount(c, "/bin/sh", "proc", "proc"));
    }

    private void containerIds() {
        for (String id : List.of("jrunc-it-fuzz/a", "..", ".", "jrunc-it-fuzz/../../jrunc-it-escape", "../jrunc-it-escape",
                "x".repeat(256), "jrunc-it-fuzz a", "jrunc-it-fuzz\ttab", "jrunc-it-é", "jrunc-it-fuzz:1", "jrunc-it-fuzz*",
                "jrunc-it-fuzz\nnewline", "")) {
            add("container-id", "id \"" + abbreviate(id.replace("\n", "\\n").replace("\t", "\\t")) + "\"",
                    "container id", bytes(base), id);
        }
        add("container-id", "id \"-x\"", "Unknown option", bytes(base), "-x");
    }

    private void others() {
        mutate("other", "terminal without a console socket", "process.terminal",
                c -> ((ObjectNode) c.get("process")).put("terminal", true));
        mutate("other", "args empty", "process.args", c -> ((ObjectNode) c.get("process")).putArray("args"));
        mutate("other", "args[0] empty", "exec", c -> ((ArrayNode) c.at("/process/args")).set(0, ""));
        mutate("other", "args[0] missing", "exec", c -> ((ArrayNode) c.at("/process/args")).set(0, "/no/such/jrunc-fuzz"));
        mutate("other", "args[0] a directory", "exec", c -> ((ArrayNode) c.at("/process/args")).set(0, "/bin"));
        mutate("other", "args[0] not in PATH", "exec", c -> ((ArrayNode) c.at("/process/args")).set(0, "jrunc-fuzz-" + randomWord(4)));
        for (String env : List.of("NOEQUALS", "=value", "")) {
            mutate("other", "env entry \"" + env + "\"", "process.env[", c -> ((ArrayNode) c.at("/process/env")).add(env));
        }
        mutate("other", "root.path a file", "root.path", c -> ((ObjectNode) c.get("root")).put("path", "/etc/passwd"));
        mutate("other", "root.path empty", "root.path", c -> ((ObjectNode) c.get("root")).put("path", ""));
        mutate("other", "unknown I/O priority class", "process.ioPriority.class",
                c -> ((ObjectNode) c.get("process")).putObject("ioPriority").put("class", "IOPRIO_CLASS_FUZZ"));
        mutate("other", "unknown scheduler policy", "process.scheduler.policy",
                c -> ((ObjectNode) c.get("process")).putObject("scheduler").put("policy", "SCHED_FUZZ"));
        mutate("other", "unknown personality domain", "linux.personality.domain",
                c -> ((ObjectNode) c.get("linux")).putObject("personality").put("domain", "FUZZ"));
        mutate("other", "unknown rootfsPropagation", "linux.rootfsPropagation",
                c -> ((ObjectNode) c.get("linux")).put("rootfsPropagation", "fuzz"));
        mutate("other", "cgroupsPath naming the hierarchy's root", "cgroupsPath",
                c -> ((ObjectNode) c.get("linux")).put("cgroupsPath", "/../.."));
        mutate("other", "a prestart hook that does not exist", "hooks.prestart[0]",
                c -> c.putObject("hooks").putArray("prestart").addObject().put("path", "/nonexistent/jrunc-fuzz-hook"));
        mutate("other", "a createRuntime hook that fails", "hooks.createRuntime[0]",
                c -> c.putObject("hooks").putArray("createRuntime").addObject().put("path", "/bin/false"));
        mutate("other", "a createContainer hook that does not exist", "hooks.createContainer[0]",
                c -> c.putObject("hooks").putArray("createContainer").addObject().put("path", "/nonexistent/jrunc-fuzz-hook"));
        mutate("other", "an annotation that is not a string", "annotations.fuzz",
                c -> ((ObjectNode) c.get("annotations")).put("fuzz", 5));
        mutate("other", "unknown device type", "linux.devices[0].type",
                c -> ((ObjectNode) c.at("/linux/devices/0")).put("type", "x"));
        mutate("other", "readonlyPaths without a mount namespace", "linux.readonlyPaths", c -> {
            ((ObjectNode) c.get("linux")).remove("maskedPaths");
            removeNamespace(c, "mount");
        });
        mutate("other", "ociVersion empty", "ociVersion", c -> c.put("ociVersion", ""));
    }

    // ---- building variants --------------------------------------------------------------------

    private void mutate(String category, String label, String field, Consumer<ObjectNode> mutation) {
        ObjectNode copy = base.deepCopy();
        mutation.accept(copy);
        add(category, label, field, bytes(copy), null);
    }

    private void raw(String category, String label, String field, String text) {
        add(category, label, field, text.getBytes(StandardCharsets.UTF_8), null);
    }

    private void add(String category, String label, String field, byte[] config, String id) {
        variants.add(new ConfigVariant(variants.size(), category, label, field, config, id));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** Positions of JSON punctuation outside strings: deleting one never leaves valid JSON. */
    private static List<Integer> structuralPositions(String text) {
        List<Integer> positions = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if ("{}[]:,".indexOf(c) >= 0) {
                positions.add(i);
            }
        }
        return positions;
    }

    private JsonNode wrongTypeFor(JsonNode current) {
        List<JsonNode> options = new ArrayList<>();
        if (current.getNodeType() != JsonNodeType.STRING) {
            options.add(NODES.textNode(current.isNumber() ? current.asText() : "jrunc-fuzz"));
        }
        if (!current.isNumber()) {
            options.add(NODES.numberNode(random.nextInt(1000)));
        } else if (current.isIntegralNumber()) {
            options.add(NODES.numberNode(current.asLong() + 0.5));
        }
        if (!current.isBoolean()) {
            options.add(NODES.booleanNode(random.nextBoolean()));
        }
        if (!current.isObject()) {
            options.add(NODES.objectNode().put("fuzz", 1));
        }
        if (!current.isArray()) {
            options.add(NODES.arrayNode().add("fuzz"));
        }
        return options.get(random.nextInt(options.size()));
    }

    /** Every path below {@code node}, containers and leaves alike. */
    private static void collect(JsonNode node, List<Object> path, List<List<Object>> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                List<Object> child = new ArrayList<>(path);
                child.add(member.getKey());
                out.add(List.copyOf(child));
                collect(member.getValue(), child, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> child = new ArrayList<>(path);
                child.add(i);
                out.add(List.copyOf(child));
                collect(node.get(i), child, out);
            }
        }
    }

    private static JsonNode get(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
        }
        return node;
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = get(root, path.subList(0, path.size() - 1));
        Object last = path.getLast();
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    /** The JSON path as jrunc's messages write it: {@code a.b[0]["not.plain"]}. */
    static String format(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else if (PLAIN_NAME.matcher((String) step).matches()) {
                out.append(out.isEmpty() ? "" : ".").append(step);
            } else {
                out.append("[\"").append(step).append("\"]");
            }
        }
        return out.toString();
    }

    private static void setPointer(ObjectNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static void remove(ObjectNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
        ((ObjectNode) parent).remove(pointer.substring(slash + 1));
    }

    private static JsonNode numberNode(Object n) {
        return switch (n) {
            case Long l -> NODES.numberNode(l);
            case BigInteger b -> NODES.numberNode(b);
            case Double d -> NODES.numberNode(d);
            default -> throw new IllegalArgumentException(String.valueOf(n));
        };
    }

    private static ArrayNode namespacesOf(ObjectNode config) {
        return (ArrayNode) config.at("/linux/namespaces");
    }

    private int nsCount() {
        return base.at("/linux/namespaces").size();
    }

    private int nsIndex(String type) {
        ArrayNode namespaces = (ArrayNode) base.at("/linux/namespaces");
        for (int i = 0; i < namespaces.size(); i++) {
            if (type.equals(namespaces.get(i).path("type").asText())) {
                return i;
            }
        }
        throw new IllegalStateException("the base config has no " + type + " namespace");
    }

    private static void removeNamespace(ObjectNode config, String type) {
        ArrayNode namespaces = namespacesOf(config);
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            if (type.equals(namespaces.get(i).path("type").asText())) {
                namespaces.remove(i);
            }
        }
    }

    private static void userNamespace(ObjectNode config) {
        namespacesOf(config).addObject().put("type", "user");
        ObjectNode linux = (ObjectNode) config.get("linux");
        for (String key : List.of("uidMappings", "gidMappings")) {
            linux.putArray(key).addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        }
    }

    private int mountCount() {
        return base.get("mounts").size();
    }

    private static void addMount(ObjectNode config, String destination, String type, String source, String... options) {
        ObjectNode mount = ((ArrayNode) config.get("mounts")).addObject()
                .put("destination", destination).put("type", type).put("source", source);
        ArrayNode list = mount.putArray("options");
        for (String option : options) {
            list.add(option);
        }
    }

    private String randomWord(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}

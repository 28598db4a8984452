package dev.jrunc.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One container's bundle directory. Its config.json starts as make-bundle's and is edited as a
 * JSON tree; root.path is the shared rootfs (absolute, read-only), so a test never writes there.
 */
public final class TestBundle {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final ObjectNode config;

    /** A bundle in {@code directory} running {@code rootfs} with {@code template} as its config. */
    public TestBundle(Path directory, Path rootfs, ObjectNode template) {
        this.directory = directory;
        this.config = template;
        ObjectNode root = config.putObject("root");
        root.put("path", rootfs.toString());
        root.put("readonly", true);
    }

    public Path directory() {
        return directory;
    }

    /** The whole config.json tree, for edits the helpers below do not cover. */
    public ObjectNode config() {
        return config;
    }

    /** Writes config.json and returns the bundle directory. */
    public Path write() {
        try {
            JSON.writeValue(directory.resolve("config.json").toFile(), config);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets process.args. */
    public TestBundle args(String... args) {
        ArrayNode array = process().putArray("args");
        for (String arg : args) {
            array.add(arg);
        }
        return this;
    }

    /** Runs {@code script} with {@code sh -c}. */
    public TestBundle shell(String script) {
        return args("sh", "-c", script);
    }

    /** Adds a new namespace of this type, or replaces the existing entry. */
    public TestBundle namespace(Namespace namespace) {
        withoutNamespace(namespace);
        namespaces().addObject().put("type", namespace.specType());
        return this;
    }

    /** Joins the namespace at {@code path} instead of creating one. */
    public TestBundle joinNamespace(Namespace namespace, Path path) {
        withoutNamespace(namespace);
        namespaces().addObject().put("type", namespace.specType()).put("path", path.toString());
        return this;
    }

    /** Removes the namespace from linux.namespaces, so the container shares the host's. */
    public TestBundle withoutNamespace(Namespace namespace) {
        ArrayNode namespaces = namespaces();
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            if (namespace.specType().equals(namespaces.get(i).path("type").asText())) {
                namespaces.remove(i);
            }
        }
        return this;
    }

    /** Maps container ids 0..size-1 to host ids hostId.. for both users and groups. */
    public TestBundle userNamespaceMapping(long hostId, long size) {
        for (String key : new String[] {"uidMappings", "gidMappings"}) {
            linux().putArray(key).addObject().put("containerID", 0).put("hostID", hostId).put("size", size);
        }
        return this;
    }

    /** Sets linux.timeOffsets for one clock ("monotonic" or "boottime"). */
    public TestBundle timeOffset(String clock, long seconds, long nanoseconds) {
        ObjectNode offsets = linux().has("timeOffsets") ? (ObjectNode) linux().get("timeOffsets")
                : linux().putObject("timeOffsets");
        offsets.putObject(clock).put("secs", seconds).put("nanosecs", nanoseconds);
        return this;
    }

    /** Appends a mount. */
    public TestBundle mount(String destination, String type, String source, String... options) {
        ObjectNode mount = arrayField(config, "mounts").addObject();
        mount.put("destination", destination).put("type", type).put("source", source);
        ArrayNode optionArray = mount.putArray("options");
        for (String option : options) {
            optionArray.add(option);
        }
        return this;
    }

    /** Appends a linux.devices entry. */
    public TestBundle device(String path, String type, long major, long minor, int fileMode, long uid, long gid) {
        arrayField(linux(), "devices").addObject()
                .put("path", path).put("type", type).put("major", major).put("minor", minor)
                .put("fileMode", fileMode).put("uid", uid).put("gid", gid);
        return this;
    }

    /**
     * Replaces linux.resources.devices. Each rule is written as devices.list shows it, after its
     * verdict: {@code "deny a *:* rwm"}, {@code "allow c 1:5 rw"}; a {@code *} number is left out.
     */
    public TestBundle deviceRules(String... rules) {
        JsonNode resources = linux().get("resources");
        ObjectNode object = resources instanceof ObjectNode o ? o : linux().putObject("resources");
        ArrayNode list = object.putArray("devices");
        for (String rule : rules) {
            String[] f = rule.split("[ :]");
            if (f.length != 5 || !(f[0].equals("allow") || f[0].equals("deny"))) {
                throw new IllegalArgumentException("not a device rule: " + rule);
            }
            ObjectNode node = list.addObject().put("allow", f[0].equals("allow")).put("type", f[1]);
            if (!f[2].equals("*")) {
                node.put("major", Long.parseLong(f[2]));
            }
            if (!f[3].equals("*")) {
                node.put("minor", Long.parseLong(f[3]));
            }
            node.put("access", f[4]);
        }
        return this;
    }

    /** Adds {@code capability} (e.g. CAP_MKNOD) to the bounding, effective and permitted sets. */
    public TestBundle addCapability(String capability) {
        ObjectNode caps = (ObjectNode) process().get("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            arrayField(caps, set).add(capability);
        }
        return this;
    }

    public TestBundle hostname(String hostname) {
        config.put("hostname", hostname);
        return this;
    }

    public TestBundle domainname(String domainname) {
        config.put("domainname", domainname);
        return this;
    }

    /** Removes hostname and domainname, which a runtime may only set in a new UTS namespace. */
    public TestBundle withoutHostAndDomainName() {
        config.remove("hostname");
        config.remove("domainname");
        return this;
    }

    public TestBundle cwd(String cwd) {
        process().put("cwd", cwd);
        return this;
    }

    /** Replaces process.env. */
    public TestBundle env(String... variables) {
        ArrayNode env = process().putArray("env");
        for (String variable : variables) {
            env.add(variable);
        }
        return this;
    }

    /** Sets process.user. */
    public TestBundle user(long uid, long gid, long... additionalGids) {
        ObjectNode user = process().putObject("user").put("uid", uid).put("gid", gid);
        if (additionalGids.length > 0) {
            ArrayNode groups = user.putArray("additionalGids");
            for (long group : additionalGids) {
                groups.add(group);
            }
        }
        return this;
    }

    public TestBundle umask(int umask) {
        ((ObjectNode) process().path("user")).put("umask", umask);
        return this;
    }

    /** Replaces process.rlimits with one entry. */
    public TestBundle rlimit(String type, long soft, long hard) {
        process().putArray("rlimits").addObject().put("type", type).put("soft", soft).put("hard", hard);
        return this;
    }

    private ObjectNode process() {
        return (ObjectNode) config.get("process");
    }

    private ObjectNode linux() {
        return (ObjectNode) config.get("linux");
    }

    private ArrayNode namespaces() {
        return arrayField(linux(), "namespaces");
    }

    private static ArrayNode arrayField(ObjectNode parent, String name) {
        JsonNode field = parent.get(name);
        return field instanceof ArrayNode array ? array : parent.putArray(name);
    }
}

package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.spec.IdMapping;
import dev.jrunc.spec.Mount;
import dev.jrunc.spec.Namespace;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.spec.Spec;
import dev.jrunc.spec.SpecReader;
import dev.jrunc.spec.SpecValidator;
import dev.jrunc.spec.SpecWriter;
import dev.jrunc.spec.json.Json;
import dev.jrunc.spec.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecCommandTest {
    private static final List<String> CAPS = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");

    @TempDir
    Path tmp;

    @Test
    void writesRuncsExampleAtSpec130WithTabs() throws IOException {
        CliRun r = CliRun.of("spec", "--bundle", tmp.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
        byte[] written = Files.readAllBytes(tmp.resolve("config.json"));
        String text = new String(written, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n\t\"ociVersion\": \"1.3.0\",\n\t\"process\": {\n\t\t\"terminal\": true,\n"), text);
        assertTrue(text.endsWith("\n}"), "no trailing newline, as runc writes it");

        Spec spec = SpecReader.parseConfig(written, "config.json");
        SpecValidator.validate(spec, "config.json");
        assertEquals(SpecCommand.example(SpecCommand.cgroup2Unified()), spec);
        assertArrayEquals(written, SpecWriter.write(spec), "round trip");

        assertEquals("1.3.0", spec.ociVersion());
        assertTrue(spec.process().terminal());
        assertEquals(List.of("sh"), spec.process().args());
        assertEquals(0, spec.process().user().uid());
        assertTrue(spec.process().noNewPrivileges());
        assertEquals(CAPS, spec.process().capabilities().bounding());
        assertEquals(CAPS, spec.process().capabilities().effective());
        assertEquals(CAPS, spec.process().capabilities().permitted());
        // runc >= 1.2: no inheritable, so no ambient either (it could not be raised)
        assertEquals(List.of(), spec.process().capabilities().inheritable());
        assertEquals(List.of(), spec.process().capabilities().ambient());
        assertEquals("rootfs", spec.root().path());
        assertTrue(spec.root().readonly());
        assertEquals("runc", spec.hostname());
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup"),
                spec.mounts().stream().map(Mount::destination).toList());
        assertEquals(1, spec.linux().resources().devices().size());
        assertFalse(spec.linux().resources().devices().getFirst().allow());
        assertTrue(text.contains("\"allow\": false"), text);
        assertEquals(10, spec.linux().maskedPaths().size());
        assertEquals(5, spec.linux().readonlyPaths().size());
    }

    @Test
    void addsACgroupNamespaceOnlyOnCgroupV2Hosts() {
        List<NamespaceType> base = List.of(NamespaceType.PID, NamespaceType.NETWORK, NamespaceType.IPC,
                NamespaceType.UTS, NamespaceType.MOUNT);
        assertEquals(base, types(SpecCommand.example(false)));
        List<NamespaceType> withCgroup = new java.util.ArrayList<>(base);
        withCgroup.add(NamespaceType.CGROUP);
        assertEquals(withCgroup, types(SpecCommand.example(true)));
        SpecValidator.validate(SpecCommand.example(true), "config.json");
    }

    @Test
    void refusesToOverwriteLikeRunc() throws IOException {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "mine");

        CliRun r = CliRun.of("spec", "-b", tmp.toString());

        assertEquals(1, r.exitCode());
        assertEquals("File config.json exists. Remove it first\n", r.err());
        assertEquals("mine", Files.readString(config));
    }

    @Test
    void refusesADanglingSymlinkInsteadOfWritingThroughIt() throws IOException {
        Path target = tmp.resolve("elsewhere.json");
        Files.createSymbolicLink(tmp.resolve("config.json"), target);

        CliRun r = CliRun.of("spec", "-b", tmp.toString());

        assertEquals(1, r.exitCode());
        assertEquals("File config.json exists. Remove it first\n", r.err());
        assertFalse(Files.exists(target));
    }

    @Test
    void aMissingBundleFailsWithRuncsChdirMessage() {
        Path missing = tmp.resolve("nope");
        CliRun r = CliRun.of("spec", "--bundle", missing.toString());
        assertEquals(1, r.exitCode());
        assertEquals("chdir " + missing + ": no such file or directory\n", r.err());
        assertFalse(Files.exists(missing));
    }

    @Test
    void rootlessMapsTheEffectiveIdsAndDropsWhatNeedsPrivilege() throws IOException {
        CliRun r = CliRun.of("spec", "--rootless", "--bundle", tmp.toString());

        assertEquals(0, r.exitCode(), r.err());
        byte[] written = Files.readAllBytes(tmp.resolve("config.json"));
        Spec spec = SpecReader.parseConfig(written, "config.json");
        SpecValidator.validate(spec, "config.json");
        long uid = SpecCommand.effectiveId("Uid:");
        long gid = SpecCommand.effectiveId("Gid:");
        assertEquals(List.of(new IdMapping(0, uid, 1)), spec.linux().uidMappings());
        assertEquals(List.of(new IdMapping(0, gid, 1)), spec.linux().gidMappings());
        List<NamespaceType> types = types(spec);
        assertFalse(types.contains(NamespaceType.NETWORK));
        assertEquals(NamespaceType.USER, types.getLast());
        assertEquals(1, types.stream().filter(t -> t == NamespaceType.USER).count());
        assertNull(spec.linux().resources());
        Mount sys = spec.mounts().stream().filter(m -> m.destination().equals("/sys")).findFirst().orElseThrow();
        assertEquals(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro"), null, null),
                sys);
        Mount pts = spec.mounts().stream().filter(m -> m.destination().equals("/dev/pts")).findFirst().orElseThrow();
        assertEquals(List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"), pts.options());
        assertEquals(7, spec.mounts().size());
        // The JSON member order of runc: uidMappings and gidMappings first in linux.
        JsonValue.Obj linux = (JsonValue.Obj) Json.parseObject(written).get("linux");
        assertEquals(List.of("uidMappings", "gidMappings", "namespaces"),
                List.copyOf(linux.members().keySet()).subList(0, 3));
    }

    @Test
    void theRootlessConversionKeepsACgroupNamespace() {
        Spec s = SpecCommand.rootless(SpecCommand.example(true), 1000, 1000);
        assertEquals(List.of(NamespaceType.PID, NamespaceType.IPC, NamespaceType.UTS, NamespaceType.MOUNT,
                NamespaceType.CGROUP, NamespaceType.USER), types(s));
    }

    @Test
    void refusesArguments() {
        CliRun r = CliRun.of("spec", "-b", tmp.toString(), "extra");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("\"spec\" requires exactly 0 argument(s)"), r.err());
        assertFalse(Files.exists(tmp.resolve("config.json")));
    }

    private static List<NamespaceType> types(Spec spec) {
        return spec.linux().namespaces().stream().map(Namespace::type).toList();
    }
}

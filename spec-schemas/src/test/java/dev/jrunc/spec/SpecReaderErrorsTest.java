package dev.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Documents the model cannot hold: each failure is one line naming the source and JSON path. */
class SpecReaderErrorsTest {

    private static InvalidSpecException configError(String json) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SpecReader.parseConfig(json.getBytes(StandardCharsets.UTF_8), "config.json"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        InvalidSpecException e = configError("{\n  \"ociVersion\": \"1.3.0\",\n    ,\n}");
        assertEquals("config.json: malformed JSON at line 3, column 5: expected a member name (a string), got ','",
                e.getMessage());
        assertEquals("", e.path());
    }

    @Test
    void truncatedJson() {
        assertEquals("config.json: malformed JSON at line 1, column 23: unexpected end of input: an object opened"
                + " at line 1, column 1 is not closed", configError("{\"ociVersion\": \"1.3.0\"").getMessage());
    }

    @Test
    void emptyDocument() {
        assertEquals("config.json: malformed JSON at line 1, column 1: the document is empty",
                configError("  \n").getMessage());
    }

    @Test
    void trailingContentAfterTheDocument() {
        assertEquals("config.json: malformed JSON at line 1, column 4: unexpected content after the top-level value",
                configError("{} {}").getMessage());
    }

    @Test
    void topLevelMustBeAnObject() {
        assertEquals("config.json: expected an object, got an array", configError("[1, 2]").getMessage());
    }

    @Test
    void missingOciVersion() {
        InvalidSpecException e = configError("{\"process\": {\"cwd\": \"/\"}}");
        assertEquals("config.json: ociVersion: is required", e.getMessage());
        assertEquals("ociVersion", e.path());
        assertEquals("is required", e.reason());
    }

    @Test
    void uidGivenAsString() {
        InvalidSpecException e = configError("""
                {"ociVersion": "1.3.0", "process": {"cwd": "/", "user": {"uid": "abc", "gid": 0}}}""");
        assertEquals("config.json: process.user.uid: expected an integer, got \"abc\"", e.getMessage());
        assertEquals("process.user.uid", e.path());
        assertEquals("expected an integer, got \"abc\"", e.reason());
    }

    @Test
    void uidBeyondUint32() {
        assertEquals("config.json: process.user.uid: expected an integer in 0..4294967295, got 4294967296",
                configError("""
                        {"ociVersion": "1.3.0", "process": {"cwd": "/", "user": {"uid": 4294967296, "gid": 0}}}""")
                        .getMessage());
    }

    @Test
    void negativeGid() {
        assertEquals("config.json: process.user.gid: expected an integer in 0..4294967295, got -1",
                configError("""
                        {"ociVersion": "1.3.0", "process": {"cwd": "/", "user": {"uid": 0, "gid": -1}}}""")
                        .getMessage());
    }

    @Test
    void fractionWhereAnIntegerIsExpected() {
        assertEquals("config.json: linux.resources.memory.limit: expected an integer, got 1.5e9", configError("""
                {"ociVersion": "1.3.0", "linux": {"resources": {"memory": {"limit": 1.5e9}}}}""").getMessage());
    }

    @Test
    void rlimitBeyondUint64() {
        assertEquals("config.json: process.rlimits[0].hard: expected an integer in 0..18446744073709551615,"
                + " got 18446744073709551616", configError("""
                {"ociVersion": "1.3.0", "process": {"cwd": "/",
                 "rlimits": [{"type": "RLIMIT_CORE", "hard": 18446744073709551616, "soft": 0}]}}""").getMessage());
    }

    @Test
    void memoryLimitBeyondInt64() {
        assertEquals("config.json: linux.resources.memory.limit: expected an integer in"
                + " -9223372036854775808..9223372036854775807, got 18446744073709551615", configError("""
                {"ociVersion": "1.3.0", "linux": {"resources": {"memory": {"limit": 18446744073709551615}}}}""")
                .getMessage());
    }

    @Test
    void stringWhereBooleanIsExpected() {
        assertEquals("config.json: process.terminal: expected a boolean, got \"true\"", configError("""
                {"ociVersion": "1.3.0", "process": {"cwd": "/", "terminal": "true"}}""").getMessage());
    }

    @Test
    void stringWhereArrayIsExpected() {
        assertEquals("config.json: process.args: expected an array, got \"sh\"", configError("""
                {"ociVersion": "1.3.0", "process": {"cwd": "/", "args": "sh"}}""").getMessage());
    }

    @Test
    void nullInsideAnArray() {
        assertEquals("config.json: process.args[1]: expected a string, got null", configError("""
                {"ociVersion": "1.3.0", "process": {"cwd": "/", "args": ["sh", null]}}""").getMessage());
    }

    @Test
    void numberWhereStringIsExpectedInsideAMount() {
        assertEquals("config.json: mounts[1].options[0]: expected a string, got 42", configError("""
                {"ociVersion": "1.3.0", "mounts": [{"destination": "/a"}, {"destination": "/b", "options": [42]}]}""")
                .getMessage());
    }

    @Test
    void objectWhereStringIsExpected() {
        assertEquals("config.json: hostname: expected a string, got an object", configError("""
                {"ociVersion": "1.3.0", "hostname": {"name": "x"}}""").getMessage());
    }

    @Test
    void mapKeysWithDotsAreBracketed() {
        InvalidSpecException e = configError("""
                {"ociVersion": "1.3.0", "linux": {"sysctl": {"net.ipv4.ip_forward": 1}}}""");
        assertEquals("config.json: linux.sysctl[\"net.ipv4.ip_forward\"]: expected a string, got 1", e.getMessage());
        assertEquals("linux.sysctl[\"net.ipv4.ip_forward\"]", e.path());
    }

    @Test
    void controlCharactersInValuesStayOnOneLine() {
        assertEquals("config.json: annotations[\"a\\nb\"]: expected a string, got 5", configError("""
                {"ociVersion": "1.3.0", "annotations": {"a\\nb": 5}}""").getMessage());
    }

    @Test
    void unknownNamespaceType() {
        InvalidSpecException e = configError("""
                {"ociVersion": "1.3.0", "linux": {"namespaces": [{"type": "pid"}, {"type": "user"}, {"type": "foo"}]}}""");
        assertEquals("config.json: linux.namespaces[2].type: unknown namespace type \"foo\"", e.getMessage());
        assertEquals("linux.namespaces[2].type", e.path());
        assertEquals("unknown namespace type \"foo\"", e.reason());
    }

    @Test
    void missingNamespaceType() {
        assertEquals("config.json: linux.namespaces[0].type: is required", configError("""
                {"ociVersion": "1.3.0", "linux": {"namespaces": [{"path": "/proc/1/ns/net"}]}}""").getMessage());
    }

    @Test
    void unknownSeccompDefaultAction() {
        assertEquals("config.json: linux.seccomp.defaultAction: unknown seccomp action \"SCMP_ACT_MAYBE\"",
                configError("""
                        {"ociVersion": "1.3.0", "linux": {"seccomp": {"defaultAction": "SCMP_ACT_MAYBE"}}}""")
                        .getMessage());
    }

    @Test
    void unknownSeccompRuleAction() {
        assertEquals("config.json: linux.seccomp.syscalls[1].action: unknown seccomp action \"ALLOW\"", configError("""
                {"ociVersion": "1.3.0", "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
                  {"names": ["read"], "action": "SCMP_ACT_ALLOW"}, {"names": ["write"], "action": "ALLOW"}]}}}""")
                .getMessage());
    }

    @Test
    void unknownSeccompOperator() {
        assertEquals("config.json: linux.seccomp.syscalls[0].args[0].op: unknown seccomp operator \"==\"",
                configError("""
                        {"ociVersion": "1.3.0", "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
                          {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                           "args": [{"index": 0, "value": 8, "op": "=="}]}]}}}""").getMessage());
    }

    @Test
    void missingMountDestination() {
        InvalidSpecException e = configError("""
                {"ociVersion": "1.3.0", "mounts": [{"destination": "/proc", "type": "proc"}, {"type": "tmpfs"}]}""");
        assertEquals("config.json: mounts[1].destination: is required", e.getMessage());
    }

    @Test
    void incompleteIdMapping() {
        assertEquals("config.json: linux.uidMappings[0].size: is required", configError("""
                {"ociVersion": "1.3.0", "linux": {"uidMappings": [{"containerID": 0, "hostID": 1000}]}}""")
                .getMessage());
    }

    @Test
    void missingRlimitSoftValue() {
        assertEquals("config.json: process.rlimits[0].soft: is required", configError("""
                {"ociVersion": "1.3.0", "process": {"cwd": "/", "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1}]}}""")
                .getMessage());
    }

    @Test
    void missingCwd() {
        assertEquals("config.json: process.cwd: is required", configError("""
                {"ociVersion": "1.3.0", "process": {"args": ["sh"]}}""").getMessage());
    }

    @Test
    void explicitNullMeansAbsent() {
        Spec spec = SpecReader.parseConfig("""
                {"ociVersion": "1.3.0", "hostname": null, "mounts": null, "process": {"cwd": "/", "oomScoreAdj": null}}"""
                .getBytes(StandardCharsets.UTF_8), "config.json");
        assertEquals(null, spec.hostname());
        assertEquals(0, spec.mounts().size());
        assertEquals(null, spec.process().oomScoreAdj());
    }

    @Test
    void unknownMembersAreIgnored() {
        Spec spec = SpecReader.parseConfig("""
                {"ociVersion": "1.3.0", "windows": {"layerFolders": ["x"]}, "vendorThing": [1, {"a": null}],
                 "process": {"cwd": "/", "futureField": true, "user": {"uid": 5, "gid": 6, "sid": "S-1"}}}"""
                .getBytes(StandardCharsets.UTF_8), "config.json");
        assertEquals(5, spec.process().user().uid());
        assertEquals(6, spec.process().user().gid());
    }

    @Test
    void execProcessPathsAreRelativeToTheProcessDocument() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecReader.parseProcess(
                "{\"cwd\": \"/\", \"user\": {\"uid\": \"root\", \"gid\": 0}}".getBytes(StandardCharsets.UTF_8),
                "/tmp/runc-process123"));
        assertEquals("/tmp/runc-process123: user.uid: expected an integer, got \"root\"", e.getMessage());
    }

    @Test
    void updateResourcesErrorsNameTheirPath() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecReader.parseResources(
                "{\"memory\": {\"limit\": \"128m\"}}".getBytes(StandardCharsets.UTF_8), "-"));
        assertEquals("-: memory.limit: expected an integer, got \"128m\"", e.getMessage());
    }

    @Test
    void longValuesAreShortenedInMessages() {
        String longValue = "x".repeat(200);
        InvalidSpecException e = configError("{\"ociVersion\": \"1.3.0\", \"process\": {\"cwd\": \"/\", \"user\":"
                + " {\"uid\": \"" + longValue + "\", \"gid\": 0}}}");
        assertEquals("config.json: process.user.uid: expected an integer, got \"" + "x".repeat(64) + "...\"",
                e.getMessage());
    }

    @Test
    void aNulCharacterInAStringIsRefusedWhereverItIs() {
        // A C string would stop at the NUL: "/bin/tr\u0000ue" would run /bin/tr.
        InvalidSpecException e = configError("{\"ociVersion\": \"1.3.0\", \"process\": {\"cwd\": \"/\","
                + " \"args\": [\"/bin/tr\\u0000ue\"]}}");
        assertEquals("config.json: process.args[0]: must not contain a NUL character", e.getMessage());
        assertEquals("mounts[0].destination", configError("{\"ociVersion\": \"1.3.0\", \"mounts\":"
                + " [{\"destination\": \"/mn\\u0000t\"}]}").path());
        assertEquals("linux.sysctl[\"net.ipv4.ip_forward\\x00x\"]", configError("{\"ociVersion\": \"1.3.0\","
                + " \"linux\": {\"sysctl\": {\"net.ipv4.ip_forward\\u0000x\": \"1\"}}}").path());
    }

    @Test
    void parserLimitsAreReportedWhereTheyAreExceeded() {
        // The object is level 1, so the 1000th '[' (column 1006) is one too deep.
        InvalidSpecException e = configError("{\"x\": " + "[".repeat(1500) + "]".repeat(1500) + "}");
        assertEquals("config.json: malformed JSON at line 1, column 1006: nesting depth (1001) exceeds the"
                + " maximum allowed (1000)", e.getMessage());
    }

    @Test
    void annotationsMayHoldNulCharactersAsRuncAccepts() {
        Spec spec = SpecReader.parseConfig("{\"ociVersion\": \"1.3.0\", \"annotations\": {\"k\": \"a\\u0000b\"}}"
                .getBytes(StandardCharsets.UTF_8), "config.json");
        assertEquals("a\u0000b", spec.annotations().get("k"));
        assertEquals("config.json: annotations.k: expected a string, got 5",
                configError("{\"ociVersion\": \"1.3.0\", \"annotations\": {\"k\": 5}}").getMessage());
    }
}

package dev.jrunc.container.cgroup.devices;

import static dev.jrunc.container.cgroup.devices.DeviceRule.ANY;
import static dev.jrunc.container.cgroup.devices.DeviceType.ALL;
import static dev.jrunc.container.cgroup.devices.DeviceType.BLOCK;
import static dev.jrunc.container.cgroup.devices.DeviceType.CHAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrunc.container.ContainerException;
import dev.jrunc.spec.Linux;
import dev.jrunc.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeviceRulesTest {
    private static final String RUNC_DEFAULTS = """
            c *:* m allow
            b *:* m allow
            c 1:3 rwm allow
            c 1:8 rwm allow
            c 1:7 rwm allow
            c 5:0 rwm allow
            c 1:5 rwm allow
            c 1:9 rwm allow
            c 136:* rwm allow
            c 5:2 rwm allow
            c 10:200 rwm allow""";

    private static Linux linux(String members) {
        String json = """
                {"ociVersion": "1.3.0", "root": {"path": "rootfs"},
                 "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}},
                 "linux": {%s}}""".formatted(members);
        return SpecReader.parseConfig(json.getBytes(StandardCharsets.UTF_8), "config.json").linux();
    }

    private static String lines(List<DeviceRule> rules) {
        return rules.stream().map(DeviceRule::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void withoutALinuxSectionOnlyRuncsDefaults() {
        assertEquals(RUNC_DEFAULTS, lines(DeviceRules.forContainer(null)));
        assertEquals(RUNC_DEFAULTS, lines(DeviceRules.forContainer(linux(""))));
    }

    @Test
    void configRulesComeFirstInOrderThenTheDefaults() {
        List<DeviceRule> rules = DeviceRules.forContainer(linux("""
                "resources": {"devices": [{"allow": false, "access": "rwm"},
                                          {"allow": true, "type": "c", "major": 10, "minor": 229, "access": "rw"},
                                          {"allow": true, "type": "b", "major": 8, "access": "r"}]}"""));
        assertEquals("a *:* rwm deny\nc 10:229 rw allow\nb 8:* r allow\n" + RUNC_DEFAULTS, lines(rules));
    }

    @Test
    void aLinuxDevicesNodeReplacesTheDefaultRuleForItsPath() {
        List<DeviceRule> rules = DeviceRules.forContainer(linux("""
                "devices": [{"path": "/dev/null", "type": "c", "major": 1, "minor": 3},
                            {"path": "/dev/fuse", "type": "c", "major": 10, "minor": 229}],
                "resources": {"devices": [{"allow": false, "access": "rwm"}]}"""));
        assertEquals("a *:* rwm deny\n" + RUNC_DEFAULTS.replace("c 1:3 rwm allow\n", ""), lines(rules),
                "no rule for c 1:3 any more, and none added for /dev/fuse");
    }

    @Test
    void absentFieldsMeanAnyAndMinusOneIsAny() {
        List<DeviceRule> rules = DeviceRules.fromConfig(linux("""
                "resources": {"devices": [{"allow": true, "access": "m"},
                                          {"allow": false, "type": "c", "major": -1, "minor": -1, "access": "wrw"}]}""")
                .resources().devices(), "linux.resources.devices");
        assertEquals(List.of(new DeviceRule(true, ALL, ANY, ANY, DeviceRule.MKNOD),
                new DeviceRule(false, CHAR, ANY, ANY, DeviceRule.READ | DeviceRule.WRITE)), rules);
    }

    @Test
    void badRulesNameTheirField() {
        assertEquals("linux.resources.devices[1].access: must not be empty (one or more of r, w, m)",
                refused("{\"allow\": true, \"type\": \"c\", \"access\": \"r\"}, {\"allow\": false, \"type\": \"c\"}"));
        assertEquals("linux.resources.devices[0].access: must not be empty (one or more of r, w, m)",
                refused("{\"allow\": false, \"access\": \"\"}"));
        assertEquals("linux.resources.devices[0].major: -5 is not a device number (0..4294967295, or absent for any)",
                refused("{\"allow\": true, \"type\": \"c\", \"major\": -5, \"access\": \"r\"}"));
        assertEquals("linux.resources.devices[0].minor: 4294967296 is not a device number (0..4294967295, or absent "
                + "for any)", refused("{\"allow\": true, \"type\": \"b\", \"minor\": 4294967296, \"access\": \"r\"}"));
    }

    @Test
    void theModelRefusesLettersTheValidatorWouldCatchFirst() {
        assertThrows(IllegalArgumentException.class, () -> DeviceRule.access("rx"));
        assertThrows(IllegalArgumentException.class, () -> new DeviceRule(true, BLOCK, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeviceRule(true, BLOCK, -2, 1, 1));
    }

    private static String refused(String rules) {
        Linux l = linux("\"resources\": {\"devices\": [" + rules + "]}");
        return assertThrows(ContainerException.class, () -> DeviceRules.forContainer(l)).getMessage();
    }
}

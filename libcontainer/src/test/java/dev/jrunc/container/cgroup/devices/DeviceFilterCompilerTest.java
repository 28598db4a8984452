package dev.jrunc.container.cgroup.devices;

import static dev.jrunc.container.cgroup.devices.DeviceRule.ANY;
import static dev.jrunc.container.cgroup.devices.DeviceRule.MKNOD;
import static dev.jrunc.container.cgroup.devices.DeviceRule.READ;
import static dev.jrunc.container.cgroup.devices.DeviceRule.WRITE;
import static dev.jrunc.container.cgroup.devices.DeviceType.ALL;
import static dev.jrunc.container.cgroup.devices.DeviceType.BLOCK;
import static dev.jrunc.container.cgroup.devices.DeviceType.CHAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled program, run in {@link EbpfInterpreter}, against {@link ReferenceDeviceCgroup}:
 * hand-picked rule lists with their verdicts written out, runc's own test shapes, and seeded
 * random lists over every request in a grid of types, numbers and accesses.
 */
class DeviceFilterCompilerTest {
    private static final long BIG = 2_147_483_648L; // 2^31: an immediate would sign-extend it
    private static final long MAX = 4_294_967_295L;
    private static final long[] RULE_MAJORS = {ANY, 1, 5, 136, BIG, MAX};
    private static final long[] RULE_MINORS = {ANY, 0, 3, 5, BIG, MAX};
    private static final long[] ASKED_MAJORS = {0, 1, 5, 136, BIG - 1, BIG, MAX};
    private static final long[] ASKED_MINORS = {0, 3, 5, 9, BIG, MAX};
    private static final int RW = READ | WRITE;
    private static final int RWM = READ | WRITE | MKNOD;

    private static boolean allows(List<DeviceRule> rules, DeviceType type, long major, long minor, int access) {
        byte[] program = BpfInsn.encode(DeviceFilterCompiler.compile(rules));
        return EbpfInterpreter.allows(program, new EbpfInterpreter.Request(type.bpfType(), access, major, minor));
    }

    @Test
    void noRulesDenyEverything() {
        List<DeviceRule> none = List.of();
        assertFalse(allows(none, CHAR, 1, 3, READ));
        assertFalse(allows(none, BLOCK, 8, 0, MKNOD));
        assertEquals(8, DeviceFilterCompiler.compile(none).size(), "the loads, r0 = 0, exit");
    }

    @Test
    void runcDefaultsAllowTheStandardNodesAndMknodOfAnything() {
        List<DeviceRule> defaults = DeviceRules.forContainer(null);
        assertTrue(allows(defaults, CHAR, 1, 3, RW), "/dev/null");
        assertTrue(allows(defaults, CHAR, 1, 5, READ), "/dev/zero");
        assertTrue(allows(defaults, CHAR, 1, 7, WRITE), "/dev/full");
        assertTrue(allows(defaults, CHAR, 1, 8, READ), "/dev/random");
        assertTrue(allows(defaults, CHAR, 1, 9, READ), "/dev/urandom");
        assertTrue(allows(defaults, CHAR, 5, 0, RW), "/dev/tty");
        assertTrue(allows(defaults, CHAR, 5, 2, RW), "/dev/ptmx");
        assertTrue(allows(defaults, CHAR, 136, 7, RW), "/dev/pts/7");
        assertTrue(allows(defaults, CHAR, 10, 200, RW), "/dev/net/tun");
        assertTrue(allows(defaults, CHAR, 10, 229, MKNOD), "mknod of /dev/fuse");
        assertTrue(allows(defaults, BLOCK, 8, 0, MKNOD), "mknod of /dev/sda");
        assertFalse(allows(defaults, CHAR, 10, 229, RW), "/dev/fuse is not opened");
        assertFalse(allows(defaults, BLOCK, 8, 0, READ), "/dev/sda is not read");
        assertFalse(allows(defaults, CHAR, 1, 1, READ), "/dev/mem is not read");
        assertTrue(allows(defaults, CHAR, 1, 3, RWM));
    }

    @Test
    void containerdStyleDenyAllThenAllowList() {
        List<DeviceRule> rules = List.of(DeviceRule.deny(ALL, ANY, ANY, "rwm"), DeviceRule.allow(CHAR, 1, 3, "rwm"),
                DeviceRule.allow(CHAR, 1, 5, "rwm"), DeviceRule.allow(CHAR, 136, ANY, "rwm"),
                DeviceRule.allow(CHAR, ANY, ANY, "m"));
        assertTrue(allows(rules, CHAR, 1, 3, RW));
        assertTrue(allows(rules, CHAR, 136, 0, READ));
        assertTrue(allows(rules, CHAR, 4, 4, MKNOD));
        assertFalse(allows(rules, CHAR, 4, 4, READ));
        assertFalse(allows(rules, CHAR, 4, 4, READ | MKNOD), "m and r together need one rule with both");
        assertFalse(allows(rules, BLOCK, 1, 3, READ), "a char rule says nothing of block devices");
    }

    @Test
    void aDenyAfterTheAllowListRemovesExactlyThatDevice() {
        List<DeviceRule> rules = List.of(DeviceRule.deny(ALL, ANY, ANY, "rwm"), DeviceRule.allow(CHAR, 1, 3, "rwm"),
                DeviceRule.allow(CHAR, 1, 5, "rwm"), DeviceRule.deny(CHAR, 1, 3, "w"));
        assertTrue(allows(rules, CHAR, 1, 3, READ));
        assertFalse(allows(rules, CHAR, 1, 3, WRITE));
        assertFalse(allows(rules, CHAR, 1, 3, RW));
        assertTrue(allows(rules, CHAR, 1, 5, RW));
    }

    @Test
    void aWildcardRuleResetsWhateverItsNumbersAndAccess() {
        List<DeviceRule> rules = List.of(DeviceRule.allow(CHAR, 1, 3, "rwm"), new DeviceRule(false, ALL, 5, ANY, READ));
        assertFalse(allows(rules, CHAR, 1, 3, READ), "the 'a' rule denied everything and forgot c 1:3");
        List<DeviceRule> privileged = List.of(DeviceRule.deny(CHAR, 1, 3, "rwm"), new DeviceRule(true, ALL, ANY, ANY, MKNOD));
        assertTrue(allows(privileged, CHAR, 1, 3, RW));
        assertTrue(allows(privileged, BLOCK, 259, 1, RWM));
        assertEquals(8, DeviceFilterCompiler.compile(privileged).size(), "allow-all needs no block");
    }

    @Test
    void aDenyingRuleAppliesAsSoonAsItSharesAnAccess() {
        // Default allow, deny writes to /dev/null: an O_RDWR open asks for read and write at once.
        List<DeviceRule> rules = List.of(DeviceRule.allow(ALL, ANY, ANY, "rwm"), DeviceRule.deny(CHAR, 1, 3, "w"));
        assertFalse(allows(rules, CHAR, 1, 3, RW), "v1 denies it; runc's program would let it through");
        assertFalse(allows(rules, CHAR, 1, 3, WRITE));
        assertTrue(allows(rules, CHAR, 1, 3, READ | MKNOD));
        assertTrue(allows(rules, CHAR, 1, 5, RW));
    }

    @Test
    void anAllowingRuleMustCoverEveryAccessAsked() {
        List<DeviceRule> rules = List.of(DeviceRule.allow(CHAR, 1, ANY, "r"), DeviceRule.allow(CHAR, ANY, 3, "w"));
        assertTrue(allows(rules, CHAR, 1, 3, READ));
        assertTrue(allows(rules, CHAR, 1, 3, WRITE));
        assertFalse(allows(rules, CHAR, 1, 3, RW), "no single rule has both");
        assertTrue(allows(rules, CHAR, 1, 4, READ));
        assertFalse(allows(rules, CHAR, 1, 4, WRITE));
        assertTrue(allows(rules, CHAR, 7, 3, WRITE));
    }

    @Test
    void aWiderDenyDoesNotRemoveANarrowerAllow() {
        List<DeviceRule> rules = List.of(DeviceRule.allow(CHAR, 1, 3, "rw"), DeviceRule.deny(CHAR, 1, ANY, "w"));
        assertTrue(allows(rules, CHAR, 1, 3, WRITE), "as in v1: only the exact entry c 1:* would lose w");
    }

    @Test
    void punchingAHoleInAWildcardIsRefused() {
        List<DeviceRule> rules = List.of(DeviceRule.allow(CHAR, 1, ANY, "rw"), DeviceRule.deny(CHAR, 1, 3, "w"));
        ContainerException e = assertThrows(ContainerException.class, () -> DeviceFilterCompiler.compile(rules));
        assertEquals("linux.resources.devices: the rule \"c 1:3 w deny\" cannot take access out of the wider rule "
                + "\"c 1:* rw allow\" before it (cgroup v1 would ignore it; runc refuses it)", e.getMessage());
        // Disjoint access is no hole.
        List<DeviceRule> disjoint = List.of(DeviceRule.allow(CHAR, 1, ANY, "r"), DeviceRule.deny(CHAR, 1, 3, "w"));
        assertTrue(allows(disjoint, CHAR, 1, 3, READ));
    }

    @Test
    void numbersAboveTwoToTheThirtyOneMatchExactly() {
        List<DeviceRule> rules = List.of(DeviceRule.allow(CHAR, BIG, MAX, "r"));
        assertTrue(allows(rules, CHAR, BIG, MAX, READ));
        assertFalse(allows(rules, CHAR, BIG - 1, MAX, READ));
        assertFalse(allows(rules, CHAR, BIG, MAX - 1, READ));
        assertFalse(allows(rules, CHAR, 0, 0, READ));
    }

    @Test
    void theProgramHasRuncsShape() {
        List<DeviceRule> rules = List.of(DeviceRule.deny(ALL, ANY, ANY, "rwm"), DeviceRule.allow(CHAR, 136, ANY, "rw"),
                DeviceRule.allow(CHAR, 1, 3, "rwm"), DeviceRule.allow(BLOCK, ANY, ANY, "m"));
        String listing = DeviceFilterCompiler.compile(rules).stream().map(BpfInsn::toString)
                .collect(Collectors.joining("\n"));
        assertEquals("""
                ldxw r2, [r1+0]
                and32 r2, 65535
                ldxw r3, [r1+0]
                rsh32 r3, 16
                ldxw r4, [r1+4]
                ldxw r5, [r1+8]
                jne r2, 1, +5
                mov32 r1, r3
                and32 r1, 1
                jne r1, r3, +2
                mov32 r0, 1
                exit
                jne r2, 2, +4
                jne r4, 1, +3
                jne r5, 3, +2
                mov32 r0, 1
                exit
                jne r2, 2, +6
                mov32 r1, r3
                and32 r1, 6
                jne r1, r3, +3
                jne r4, 136, +2
                mov32 r0, 1
                exit
                mov32 r0, 0
                exit""", listing);
    }

    @Test
    void theInstructionListIsImmutable() {
        List<BpfInsn> program = DeviceFilterCompiler.compile(List.of());
        assertThrows(UnsupportedOperationException.class, () -> program.add(BpfInsn.exit()));
    }

    /** runc's devicefilter_test shapes: its built-in list, privileged, privileged but one device, a reset midway. */
    @Test
    void runcTestShapesAgreeWithTheModel() {
        List<List<DeviceRule>> shapes = List.of(
                List.of(),
                DeviceRules.forContainer(null),
                List.of(new DeviceRule(true, ALL, ANY, ANY, RWM)),
                List.of(new DeviceRule(true, ALL, ANY, ANY, RWM), DeviceRule.deny(BLOCK, 8, 0, "rwm")),
                List.of(DeviceRule.allow(BLOCK, 8, 1, "rwm"), new DeviceRule(false, ALL, ANY, ANY, RWM),
                        DeviceRule.allow(BLOCK, 8, 2, "rwm"), DeviceRule.allow(CHAR, 10, ANY, "r")));
        for (List<DeviceRule> rules : shapes) {
            assertAgreesEverywhere(rules);
        }
    }

    @Test
    void seededRandomRuleListsAgreeWithTheModel() {
        Random random = new Random(0x6a72756e63L);
        int accepted = 0;
        int refused = 0;
        int allowed = 0;
        int denied = 0;
        for (int n = 0; n < 3000; n++) {
            List<DeviceRule> rules = randomRules(random);
            ReferenceDeviceCgroup model;
            try {
                model = ReferenceDeviceCgroup.after(rules);
            } catch (ReferenceDeviceCgroup.Refused e) {
                assertThrows(ContainerException.class, () -> DeviceFilterCompiler.compile(rules), rules::toString);
                refused++;
                continue;
            }
            byte[] program = BpfInsn.encode(DeviceFilterCompiler.compile(rules));
            for (DeviceType type : List.of(BLOCK, CHAR)) {
                for (long major : ASKED_MAJORS) {
                    for (long minor : ASKED_MINORS) {
                        for (int access = 1; access <= RWM; access++) {
                            boolean expected = model.allows(type.letter(), major, minor, access);
                            boolean actual = EbpfInterpreter.allows(program,
                                    new EbpfInterpreter.Request(type.bpfType(), access, major, minor));
                            if (expected != actual) {
                                throw new AssertionError("rules " + rules + ": " + type.letter() + " " + major + ":"
                                        + minor + " " + DeviceRule.accessLetters(access) + " expected "
                                        + (expected ? "allow" : "deny") + ", the program says "
                                        + (actual ? "allow" : "deny") + "\n" + DeviceFilterCompiler.compile(rules));
                            }
                            if (expected) {
                                allowed++;
                            } else {
                                denied++;
                            }
                        }
                    }
                }
            }
            accepted++;
        }
        // The generator must exercise both outcomes, or the comparison proves little.
        assertTrue(accepted > 1000 && refused > 50, "accepted " + accepted + ", refused " + refused);
        assertTrue(allowed > 100_000 && denied > 100_000, "allowed " + allowed + ", denied " + denied);
    }

    private static void assertAgreesEverywhere(List<DeviceRule> rules) {
        ReferenceDeviceCgroup model = ReferenceDeviceCgroup.after(rules);
        byte[] program = BpfInsn.encode(DeviceFilterCompiler.compile(rules));
        for (DeviceType type : List.of(BLOCK, CHAR)) {
            for (long major : new long[] {0, 1, 5, 8, 10, 136, 200, MAX}) {
                for (long minor : new long[] {0, 1, 2, 3, 5, 7, 8, 9, 200, MAX}) {
                    for (int access = 1; access <= RWM; access++) {
                        assertEquals(model.allows(type.letter(), major, minor, access),
                                EbpfInterpreter.allows(program, new EbpfInterpreter.Request(type.bpfType(), access, major,
                                        minor)),
                                () -> rules + ": " + type.letter() + " " + major + ":" + minor);
                    }
                }
            }
        }
    }

    private static List<DeviceRule> randomRules(Random random) {
        int count = random.nextInt(9);
        List<DeviceRule> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int t = random.nextInt(10);
            DeviceType type = t == 0 ? ALL : t < 5 ? BLOCK : CHAR;
            rules.add(new DeviceRule(random.nextBoolean(), type, RULE_MAJORS[random.nextInt(RULE_MAJORS.length)],
                    RULE_MINORS[random.nextInt(RULE_MINORS.length)], 1 + random.nextInt(RWM)));
        }
        return rules;
    }
}

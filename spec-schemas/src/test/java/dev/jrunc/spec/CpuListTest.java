package dev.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CpuListTest {

    private static BitSet cpus(int... numbers) {
        BitSet set = new BitSet();
        IntStream.of(numbers).forEach(set::set);
        return set;
    }

    private static void assertRefused(String list, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuList.parse(list), list);
        assertEquals(reason, e.getMessage());
    }

    @Test
    void listsAndRanges() {
        assertEquals(cpus(0, 1, 2, 3, 7), CpuList.parse("0-3,7"));
        assertEquals(cpus(5), CpuList.parse("5"));
        assertEquals(cpus(2, 3, 4), CpuList.parse("4,2-3,3"));
        assertEquals(cpus(9), CpuList.parse("9-9"));
    }

    @Test
    void spacesEmptyElementsAndLeadingZerosAreAllowedAsInRunc() {
        assertEquals(cpus(1, 3), CpuList.parse(" 1 , ,3,"));
        assertEquals(cpus(1), CpuList.parse("0001"));
        assertEquals(new BitSet(), CpuList.parse(""));
        assertEquals(cpus(CpuList.MAX_CPU), CpuList.parse(Integer.toString(CpuList.MAX_CPU)));
    }

    @Test
    void badListsAreRefusedWithAReason() {
        assertRefused("3-1", "invalid range \"3-1\"");
        assertRefused("a", "\"a\" is not a CPU number or range");
        assertRefused("1-", "\"1-\" is not a CPU number or range");
        assertRefused("-1", "\"-1\" is not a CPU number or range");
        assertRefused("1-2-3", "\"1-2-3\" is not a CPU number or range");
        assertRefused("+1", "\"+1\" is not a CPU number or range");
        assertRefused(" , ", "no CPUs in \" , \"");
        assertRefused("65537", "CPU 65537 is above the limit of 65536");
        assertRefused("99999999999999999999", "CPU 99999999999999999999 is above the limit of 65536");
    }
}

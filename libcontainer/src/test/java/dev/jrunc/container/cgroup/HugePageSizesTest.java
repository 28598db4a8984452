package dev.jrunc.container.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HugePageSizesTest {
    @Test
    void sysfsNamesBecomeTheHugetlbFileNames() {
        assertEquals(List.of("1GB", "2MB", "64KB", "16GB", "32MB"), HugePageSizes.fromDirectoryNames(List.of(
                "hugepages-1048576kB", "hugepages-2048kB", "hugepages-64kB", "hugepages-16777216kB",
                "hugepages-32768kB")));
    }

    @Test
    void otherEntriesAreSkipped() {
        assertEquals(List.of(), HugePageSizes.fromDirectoryNames(List.of("hugepages-2048MB", "hugepages-xkB",
                "something-2048kB", "hugepages-kB")));
    }
}

package dev.jrunc.container.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountLabelTest {
    private static final String LABEL = "system_u:object_r:container_file_t:s0:c1,c2";

    private static List<String> flat(List<String[]> params) {
        return params.stream().map(p -> p[0] + "=" + p[1]).toList();
    }

    @Test
    void kernelFileSystemsGetTheContextAsItIs() {
        List<String[]> data = List.<String[]>of(new String[] {"mode", "755"});
        for (String fstype : List.of("tmpfs", "devpts", "overlay")) {
            assertEquals(List.of("mode=755", "context=" + LABEL), flat(MountLabel.params(fstype, data, LABEL)), fstype);
        }
    }

    @Test
    void procSysfsMqueueAndCgroupsAreLeftAloneAsInRunc() {
        List<String[]> data = List.of();
        for (String fstype : List.of("proc", "sysfs", "mqueue", "cgroup", "cgroup2")) {
            assertSame(data, MountLabel.params(fstype, data, LABEL), fstype);
        }
    }

    @Test
    void withoutALabelNothingChanges() {
        List<String[]> data = List.<String[]>of(new String[] {"size", "1m"});
        assertSame(data, MountLabel.params("tmpfs", data, null));
    }
}

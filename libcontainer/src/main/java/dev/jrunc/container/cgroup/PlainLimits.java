package dev.jrunc.container.cgroup;

import dev.jrunc.spec.HugepageLimit;
import dev.jrunc.spec.Pids;
import dev.jrunc.spec.Rdma;
import java.util.List;
import java.util.Map;

/** The limits that are one number each: pids, hugetlb and rdma. */
final class PlainLimits {
    private static final String FIELD = CgroupSettings.FIELD;

    private PlainLimits() {
    }

    /**
     * {@code pids.limit} to pids.max: -1 (any negative) is "max", and 0 becomes 1 as runc does
     * (systemd cannot express 0, and both cgroup drivers must agree).
     */
    static void pids(Pids pids, SettingsBuilder b) {
        if (pids == null || pids.limit() == null) {
            return;
        }
        long limit = pids.limit();
        b.need("pids", FIELD + ".pids");
        String value = limit > 0 ? Long.toString(limit) : limit == 0 ? "1" : "max";
        b.write(CgroupWrite.of(FIELD + ".pids.limit", "pids.max", value));
    }

    /**
     * Each limit to hugetlb.SIZE.max and, where the kernel has it (5.7+), to hugetlb.SIZE.rsvd.max,
     * which also counts reserved pages, as runc does.
     */
    static void hugetlb(List<HugepageLimit> limits, SettingsBuilder b) {
        for (int i = 0; i < limits.size(); i++) {
            HugepageLimit l = limits.get(i);
            String field = FIELD + ".hugepageLimits[" + i + "]";
            b.need("hugetlb", FIELD + ".hugepageLimits");
            String prefix = "hugetlb." + l.pageSize();
            String value = Long.toUnsignedString(l.limit());
            b.write(CgroupWrite.of(field, prefix + ".max", value)
                    .hintIfMissing("this host has no " + l.pageSize() + " huge pages"));
            b.write(CgroupWrite.of(field, prefix + ".rsvd.max", value).skipIfMissing());
        }
    }

    /** One rdma.max line per device: {@code DEVICE hca_handle=N hca_object=M}, with the limits given. */
    static void rdma(Map<String, Rdma> rdma, SettingsBuilder b) {
        for (Map.Entry<String, Rdma> e : rdma.entrySet()) {
            String device = e.getKey();
            String field = FIELD + ".rdma[\"" + device + "\"]";
            if (device.isEmpty() || !device.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                throw SettingsBuilder.invalid(field, "not a device name");
            }
            b.need("rdma", FIELD + ".rdma");
            StringBuilder line = new StringBuilder(device);
            Rdma r = e.getValue();
            if (r.hcaHandles() != null) {
                line.append(" hca_handle=").append(r.hcaHandles());
            }
            if (r.hcaObjects() != null) {
                line.append(" hca_object=").append(r.hcaObjects());
            }
            b.write(CgroupWrite.of(field, "rdma.max", line.toString()));
        }
    }
}

package dev.jrunc.spec;

import dev.jrunc.spec.json.Quoting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Whether cgroup resource settings are well-formed (whether the host supports them is checked later). */
final class ResourcesRules {

    private static final Set<String> DEVICE_RULE_TYPES = Set.of("a", "c", "b");
    private static final Pattern DEVICE_ACCESS = Pattern.compile("[rwm]*");
    private static final Pattern PAGE_SIZE = Pattern.compile("[1-9][0-9]*[KMG]B");

    private ResourcesRules() {}

    static void check(Resources resources, JsonPath at, Problems out) {
        List<DeviceCgroupRule> rules = resources.devices();
        for (int i = 0; i < rules.size(); i++) {
            DeviceCgroupRule rule = rules.get(i);
            if (rule.type() != null && !DEVICE_RULE_TYPES.contains(rule.type())) {
                out.add(at.member("devices").index(i).member("type"),
                        "unknown device type " + Quoting.quoteShort(rule.type()) + " (expected a, c or b)");
            }
            if (rule.access() != null && !DEVICE_ACCESS.matcher(rule.access()).matches()) {
                out.add(at.member("devices").index(i).member("access"),
                        Quoting.quoteShort(rule.access()) + " is not a device access (expected letters from rwm)");
            }
        }
        for (int i = 0; i < resources.hugepageLimits().size(); i++) {
            String pageSize = resources.hugepageLimits().get(i).pageSize();
            JsonPath sizeAt = at.member("hugepageLimits").index(i).member("pageSize");
            if (CommonRules.requireText(pageSize, sizeAt, out) && !PAGE_SIZE.matcher(pageSize).matches()) {
                out.add(sizeAt, Quoting.quoteShort(pageSize) + " is not a page size such as 2MB");
            }
        }
        if (resources.blockIo() != null) {
            List<WeightDevice> weights = resources.blockIo().weightDevice();
            for (int i = 0; i < weights.size(); i++) {
                if (weights.get(i).weight() == null && weights.get(i).leafWeight() == null) {
                    out.add(at.member("blockIO").member("weightDevice").index(i), "needs weight or leafWeight");
                }
            }
        }
        for (Map.Entry<String, Rdma> device : resources.rdma().entrySet()) {
            if (device.getValue().hcaHandles() == null && device.getValue().hcaObjects() == null) {
                out.add(at.member("rdma").member(device.getKey()), "needs hcaHandles or hcaObjects");
            }
        }
    }
}

package dev.jrunc.spec;

import dev.jrunc.spec.json.Quoting;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the requested namespaces are consistent, and consistent with the settings that need
 * one: ID mappings need a user namespace, time offsets a time namespace, a hostname a UTS
 * namespace, masked and read-only paths a mount namespace. The relations are runc's.
 */
final class NamespaceRules {

    private NamespaceRules() {}

    static void check(Spec spec, Problems out) {
        Linux linux = spec.linux();
        JsonPath linuxAt = JsonPath.root().member("linux");
        Map<NamespaceType, Namespace> requested = checkList(
                linux == null ? List.of() : linux.namespaces(), linuxAt.member("namespaces"), out);

        if (spec.hostname() != null && !spec.hostname().isEmpty() && !requested.containsKey(NamespaceType.UTS)) {
            out.add(JsonPath.root().member("hostname"), "cannot be set without a uts namespace in linux.namespaces");
        }
        if (spec.domainname() != null && !spec.domainname().isEmpty() && !requested.containsKey(NamespaceType.UTS)) {
            out.add(JsonPath.root().member("domainname"), "cannot be set without a uts namespace in linux.namespaces");
        }
        if (linux == null) {
            return;
        }
        checkUserMappings(linux, requested.get(NamespaceType.USER), linuxAt, out);
        checkTimeOffsets(linux, requested.get(NamespaceType.TIME), linuxAt, out);
        if (!requested.containsKey(NamespaceType.MOUNT)) {
            if (!linux.maskedPaths().isEmpty()) {
                out.add(linuxAt.member("maskedPaths"), "cannot be applied without a mount namespace in linux.namespaces");
            }
            if (!linux.readonlyPaths().isEmpty()) {
                out.add(linuxAt.member("readonlyPaths"), "cannot be applied without a mount namespace in linux.namespaces");
            }
        }
    }

    private static Map<NamespaceType, Namespace> checkList(List<Namespace> namespaces, JsonPath at, Problems out) {
        Map<NamespaceType, Namespace> requested = new EnumMap<>(NamespaceType.class);
        for (int i = 0; i < namespaces.size(); i++) {
            Namespace ns = namespaces.get(i);
            if (ns.type() == null) {
                out.add(at.index(i).member("type"), "is required");
                continue;
            }
            if (requested.putIfAbsent(ns.type(), ns) != null) {
                out.add(at.index(i).member("type"), "duplicate namespace type " + Quoting.quoteShort(ns.type().specName()));
            }
            if (!ns.isNew() && !ns.path().startsWith("/")) {
                out.add(at.index(i).member("path"), "must be an absolute path, got " + Quoting.quoteShort(ns.path()));
            }
        }
        return requested;
    }

    private static void checkUserMappings(Linux linux, Namespace userNs, JsonPath at, Problems out) {
        CommonRules.checkIdMappings(linux.uidMappings(), at.member("uidMappings"), out);
        CommonRules.checkIdMappings(linux.gidMappings(), at.member("gidMappings"), out);
        boolean hasMappings = !linux.uidMappings().isEmpty() || !linux.gidMappings().isEmpty();
        if (userNs == null) {
            if (hasMappings) {
                String which = linux.uidMappings().isEmpty() ? "gidMappings" : "uidMappings";
                out.add(at.member(which), "given, but linux.namespaces has no user namespace");
            }
        } else if (userNs.isNew() && !hasMappings) {
            // Joining a namespace by path brings its mappings; containerd and CRI-O still repeat
            // them in the config, which runc tolerates, so only the new-namespace case is checked.
            out.add(at.member("uidMappings"), "a new user namespace needs uidMappings or gidMappings");
        }
    }

    private static void checkTimeOffsets(Linux linux, Namespace timeNs, JsonPath at, Problems out) {
        if (linux.timeOffsets().isEmpty()) {
            return;
        }
        if (timeNs == null) {
            out.add(at.member("timeOffsets"), "given, but linux.namespaces has no time namespace");
        } else if (!timeNs.isNew()) {
            out.add(at.member("timeOffsets"), "cannot be combined with joining an existing time namespace");
        }
    }
}

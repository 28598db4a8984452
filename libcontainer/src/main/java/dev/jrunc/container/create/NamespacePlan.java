package dev.jrunc.container.create;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.init.NamespaceKinds;
import dev.jrunc.spec.Linux;
import dev.jrunc.spec.Namespace;
import dev.jrunc.spec.NamespaceType;
import dev.jrunc.spec.TimeOffset;
import dev.jrunc.sys.Namespaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which namespaces the init joins (by path) and which it gets new, in the order the helper
 * must enter them: joined ones first (a user namespace before the rest, the mount namespace
 * last since it changes what paths mean), then a new user namespace alone, then the others.
 *
 * @param joins       namespaces to join, in order
 * @param newUser     a new user namespace is created (its maps are written by the runtime)
 * @param unshareFlags CLONE_NEW* flags for the other new namespaces
 * @param types       every namespace type the config lists, new or joined
 * @param timeOffsets the /proc/self/timens_offsets content for a new time namespace, or null
 */
public record NamespacePlan(List<Join> joins, boolean newUser, int unshareFlags, Set<NamespaceType> types,
                            String timeOffsets) {

    /** A namespace entered by path; {@code field} names its entry in config.json. */
    public record Join(NamespaceType type, int flag, String path, String field) {
    }

    public static NamespacePlan of(Linux linux) {
        List<Namespace> namespaces = linux == null ? List.of() : linux.namespaces();
        List<Join> joins = new ArrayList<>();
        Set<NamespaceType> types = EnumSet.noneOf(NamespaceType.class);
        boolean newUser = false;
        int flags = 0;
        for (int i = 0; i < namespaces.size(); i++) {
            Namespace ns = namespaces.get(i);
            types.add(ns.type());
            if (ns.path() != null && !ns.path().isEmpty()) {
                if (!Files.exists(Path.of(ns.path()))) {
                    throw new ContainerException("linux.namespaces[" + i + "].path: " + ns.path()
                            + ": no such file or directory");
                }
                joins.add(new Join(ns.type(), NamespaceKinds.flag(ns.type()), ns.path(), "linux.namespaces[" + i + "].path"));
            } else if (ns.type() == NamespaceType.USER) {
                newUser = true;
            } else {
                flags |= NamespaceKinds.flag(ns.type());
            }
        }
        joins.sort(Comparator.comparingInt(j -> NamespaceKinds.joinOrder(j.type())));
        String offsets = null;
        Map<String, TimeOffset> timeOffsets = linux == null ? Map.of() : linux.timeOffsets();
        if (!timeOffsets.isEmpty()) {
            if ((flags & Namespaces.CLONE_NEWTIME) == 0) {
                throw new ContainerException("linux.timeOffsets: requires a new time namespace");
            }
            StringBuilder sb = new StringBuilder();
            timeOffsets.forEach((clock, o) -> sb.append(clock).append(' ').append(o.secs()).append(' ')
                    .append(o.nanosecs()).append('\n'));
            offsets = sb.toString();
        }
        boolean hasMappings = linux != null && (!linux.uidMappings().isEmpty() || !linux.gidMappings().isEmpty());
        if (newUser && (linux.uidMappings().isEmpty() || linux.gidMappings().isEmpty())) {
            throw new ContainerException("linux.uidMappings: a new user namespace needs uidMappings and gidMappings");
        }
        if (hasMappings && !types.contains(NamespaceType.USER)) {
            throw new ContainerException("linux.uidMappings: id mappings are set but there is no user namespace");
        }
        return new NamespacePlan(List.copyOf(joins), newUser, flags, Set.copyOf(types), offsets);
    }

    public boolean isNew(NamespaceType type) {
        return type == NamespaceType.USER ? newUser : (unshareFlags & NamespaceKinds.flag(type)) != 0;
    }
}

package dev.jrunc.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A config that sets every field of the model to a non-default value, for round-trip tests. */
final class FullSpec {

    private FullSpec() {}

    static Spec build() {
        IdMapping map = new IdMapping(0, 100000, 65536);
        Hook hook = new Hook("/usr/bin/hook", List.of("hook", "--x"), List.of("A=1"), 5);
        SpecProcess process = new SpecProcess(
                true,
                new ConsoleSize(24, 80),
                new User(1000, 1000, 18, List.of(10L, 4294967295L), "ignored-on-linux"),
                List.of("sh", "-c", "true"),
                "sh -c true",
                List.of("PATH=/bin", "EMPTY="),
                "/home",
                new Capabilities(List.of("CAP_KILL"), List.of("CAP_CHOWN"), List.of("CAP_SETUID"),
                        List.of("CAP_KILL", "CAP_CHOWN"), List.of("CAP_NET_RAW")),
                List.of(new Rlimit("RLIMIT_NOFILE", 4096, 1024), new Rlimit("RLIMIT_CORE", -1, -1)),
                true,
                "docker-default",
                -500,
                // priority stays 0: no policy takes both a priority and deadline values (see
                // SpecRoundTripTest.schedulerPriorityRoundTrips).
                new Scheduler("SCHED_DEADLINE", -5, 0, List.of("SCHED_FLAG_RESET_ON_FORK"), 10_000, 20_000, 30_000),
                "system_u:system_r:container_t:s0",
                new IoPriority("IOPRIO_CLASS_BE", 4),
                new CpuAffinity("0-3", "7"));
        Map<String, String> sysctl = new LinkedHashMap<>();
        sysctl.put("net.ipv4.ip_forward", "1");
        sysctl.put("kernel.msgmax", "65536");
        Resources resources = new Resources(
                List.of(new DeviceCgroupRule(false, null, null, null, "rwm"),
                        new DeviceCgroupRule(true, "c", 1L, 3L, "rw")),
                new Memory(-1L, 1024L, 2048L, 0L, 4096L, 60L, true, false, true),
                new Cpu(1024L, 50_000L, 1000L, 100_000L, 950L, 1_000_000L, "0-3", "0", 1L),
                new Pids(-1L),
                new BlockIo(500, 300,
                        List.of(new WeightDevice(8, 0, 600, null), new WeightDevice(8, 16, null, 200)),
                        List.of(new ThrottleDevice(8, 0, 1_048_576)),
                        List.of(new ThrottleDevice(8, 0, -1)),
                        List.of(new ThrottleDevice(8, 16, 100)),
                        List.of(new ThrottleDevice(8, 16, 200))),
                List.of(new HugepageLimit("2MB", 209715200)),
                new Network(1048577L, List.of(new InterfacePriority("eth0", 5))),
                Map.of("mlx5_1", new Rdma(3L, null)),
                Map.of("memory.high", "1073741824"));
        Seccomp seccomp = new Seccomp(
                SeccompAction.ERRNO, 38L,
                List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64"),
                List.of("SECCOMP_FILTER_FLAG_LOG"),
                "/run/seccomp-agent.sock", "opaque",
                List.of(new Syscall(List.of("read", "write"), SeccompAction.ALLOW, null, List.of()),
                        new Syscall(List.of("personality"), SeccompAction.ERRNO, 1L,
                                List.of(new SeccompArg(0, 0xffffffffL, 0, SeccompOperator.EQUAL),
                                        new SeccompArg(1, 8, 0xff, SeccompOperator.MASKED_EQUAL)))));
        Linux linux = new Linux(
                List.of(map), List.of(map), sysctl, resources, "/jrunc/test",
                List.of(new Namespace(NamespaceType.PID, null), new Namespace(NamespaceType.NETWORK, "/run/netns/x"),
                        new Namespace(NamespaceType.MOUNT, null), new Namespace(NamespaceType.IPC, null),
                        new Namespace(NamespaceType.UTS, null), new Namespace(NamespaceType.USER, null),
                        new Namespace(NamespaceType.CGROUP, null), new Namespace(NamespaceType.TIME, null)),
                List.of(new Device("/dev/fuse", "c", 10L, 229L, 438L, 0L, 0L), new Device("/dev/fifo", "p", null, null, null, null, null)),
                Map.of("eth1", new NetDevice("ctr1")),
                seccomp,
                "rslave",
                List.of("/proc/kcore"),
                List.of("/proc/sys"),
                "system_u:object_r:container_file_t:s0",
                new IntelRdt("clos1", List.of("L3:0=ff"), "L3:0=f", "MB:0=50", true),
                new MemoryPolicy("MPOL_BIND", "0-1", List.of("MPOL_F_STATIC_NODES")),
                new Personality("LINUX32", List.of()),
                Map.of("monotonic", new TimeOffset(-3600, 5), "boottime", new TimeOffset(86400, 0)));
        return new Spec(
                "1.3.0",
                process,
                new Root("/var/lib/rootfs", true),
                "box",
                "example.org",
                List.of(new Mount("/data", "bind", "/srv/data", List.of("rbind", "ro"), List.of(map), List.of(map)),
                        new Mount("relative/dest", null, null, List.of(), List.of(), List.of())),
                new Hooks(List.of(hook), List.of(hook), List.of(), List.of(hook), List.of(), List.of(hook)),
                Map.of("org.example.key", "value"),
                linux);
    }
}

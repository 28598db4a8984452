package dev.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The features document is laid out exactly as {@code runc features} prints it. */
class FeaturesWriterTest {

    @Test
    void reproducesRuncFeaturesOutput() {
        byte[] runcOutput = TestResources.bytes("runc-1.1.5-features.json");
        Features features = FeaturesFixture.read(runcOutput);

        String written = new String(FeaturesWriter.write(features), StandardCharsets.UTF_8);

        // runc's json.Encoder ends the document with a newline; the writer leaves that to the caller.
        assertEquals(new String(runcOutput, StandardCharsets.UTF_8), written + "\n");
        assertEquals(Boolean.TRUE, features.linux().cgroup().v1());
        assertEquals(null, features.linux().cgroup().rdma());
        assertEquals(16, features.linux().seccomp().archs().size());
    }

    @Test
    void writesEveryV130Member() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("org.opencontainers.runc.version", "jrunc");
        Features features = new Features("1.0.0", "1.3.0", List.of("prestart", "poststop"), List.of("rbind", "ro"),
                new LinuxFeatures(
                        List.of("pid", "time"),
                        List.of("CAP_KILL"),
                        new CgroupFeatures(true, true, false, null, true),
                        new SeccompFeatures(true, List.of("SCMP_ACT_ALLOW"), List.of("SCMP_CMP_EQ"),
                                List.of("SCMP_ARCH_X86_64"), List.of("SECCOMP_FILTER_FLAG_LOG"), List.of()),
                        new EnabledFeature(false),
                        new EnabledFeature(null),
                        new IntelRdtFeatures(true, true, false),
                        new MemoryPolicyFeatures(List.of("MPOL_BIND"), List.of("MPOL_F_STATIC_NODES")),
                        new MountExtensionsFeatures(new EnabledFeature(true)),
                        new EnabledFeature(true)),
                annotations,
                List.of("org.criu.config", "org.systemd.property."));

        String written = new String(FeaturesWriter.write(features), StandardCharsets.UTF_8);

        assertEquals("""
                {
                    "ociVersionMin": "1.0.0",
                    "ociVersionMax": "1.3.0",
                    "hooks": [
                        "prestart",
                        "poststop"
                    ],
                    "mountOptions": [
                        "rbind",
                        "ro"
                    ],
                    "linux": {
                        "namespaces": [
                            "pid",
                            "time"
                        ],
                        "capabilities": [
                            "CAP_KILL"
                        ],
                        "cgroup": {
                            "v1": true,
                            "v2": true,
                            "systemd": false,
                            "rdma": true
                        },
                        "seccomp": {
                            "enabled": true,
                            "actions": [
                                "SCMP_ACT_ALLOW"
                            ],
                            "operators": [
                                "SCMP_CMP_EQ"
                            ],
                            "archs": [
                                "SCMP_ARCH_X86_64"
                            ],
                            "knownFlags": [
                                "SECCOMP_FILTER_FLAG_LOG"
                            ]
                        },
                        "apparmor": {
                            "enabled": false
                        },
                        "selinux": {},
                        "intelRdt": {
                            "enabled": true,
                            "schemata": true,
                            "monitoring": false
                        },
                        "memoryPolicy": {
                            "modes": [
                                "MPOL_BIND"
                            ],
                            "flags": [
                                "MPOL_F_STATIC_NODES"
                            ]
                        },
                        "mountExtensions": {
                            "idmap": {
                                "enabled": true
                            }
                        },
                        "netDevices": {
                            "enabled": true
                        }
                    },
                    "annotations": {
                        "org.opencontainers.runc.version": "jrunc"
                    },
                    "potentiallyUnsafeConfigAnnotations": [
                        "org.criu.config",
                        "org.systemd.property."
                    ]
                }""", written);
        assertEquals(features, FeaturesFixture.read(FeaturesWriter.write(features)));
    }
}

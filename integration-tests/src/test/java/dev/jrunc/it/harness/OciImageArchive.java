package dev.jrunc.it.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Packs a rootfs directory as an OCI image layout tarball ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/...}), with no network: what {@code ctr images import} and
 * {@code podman load} read.
 *
 * <p>One uncompressed layer. The index entry carries containerd's name annotation
 * ({@code io.containerd.image.name}, which {@code ctr images import} needs to name the image) and
 * the OCI one ({@code org.opencontainers.image.ref.name}, the tag), plus the platform.
 */
public final class OciImageArchive {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TAR_TIMEOUT = Duration.ofMinutes(2);
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private OciImageArchive() {
    }

    /**
     * Writes the image of {@code rootfs} named {@code reference} (e.g. {@code localhost/x:latest})
     * to {@code archive}, building the layout in {@code scratch}.
     */
    public static void write(Path rootfs, String reference, Path archive, Path scratch) {
        try {
            Path layout = Files.createDirectories(scratch.resolve("layout"));
            Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
            Path layerTar = scratch.resolve("layer.tar");
            tar(scratch, List.of("tar", "-C", rootfs.toString(), "--sort=name", "--numeric-owner", "-cf",
                    layerTar.toString(), "."));
            Descriptor layer = storeBlob(blobs, layerTar, "application/vnd.oci.image.layer.v1.tar");

            ObjectNode config = JSON.createObjectNode();
            config.put("architecture", goArchitecture()).put("os", "linux");
            ObjectNode run = config.putObject("config");
            run.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            run.putArray("Cmd").add("sh");
            ObjectNode rootfsNode = config.putObject("rootfs").put("type", "layers");
            // The layer is uncompressed, so its diff id is its digest.
            rootfsNode.putArray("diff_ids").add(layer.digest());
            Descriptor configBlob = storeJson(blobs, config, "application/vnd.oci.image.config.v1+json");

            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("schemaVersion", 2).put("mediaType", MANIFEST);
            manifest.set("config", configBlob.toJson());
            manifest.putArray("layers").add(layer.toJson());
            Descriptor manifestBlob = storeJson(blobs, manifest, MANIFEST);

            ObjectNode index = JSON.createObjectNode();
            index.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
            ObjectNode entry = manifestBlob.toJson();
            entry.putObject("platform").put("architecture", goArchitecture()).put("os", "linux");
            entry.putObject("annotations")
                    .put("io.containerd.image.name", reference)
                    .put("org.opencontainers.image.ref.name", reference.substring(reference.lastIndexOf(':') + 1));
            index.putArray("manifests").add(entry);
            JSON.writeValue(layout.resolve("index.json").toFile(), index);
            Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");

            tar(scratch, List.of("tar", "-C", layout.toString(), "-cf", archive.toString(), "oci-layout",
                    "index.json", "blobs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image platform's name for this JVM's architecture (Go's GOARCH). */
    static String goArchitecture() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case String other -> other;
        };
    }

    private record Descriptor(String mediaType, String digest, long size) {
        ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode();
            node.put("mediaType", mediaType).put("digest", digest).put("size", size);
            return node;
        }
    }

    private static Descriptor storeJson(Path blobs, ObjectNode content, String mediaType) throws IOException {
        Path file = Files.createTempFile(blobs.getParent(), "blob", ".json");
        Files.write(file, JSON.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
        return storeBlob(blobs, file, mediaType);
    }

    /** Moves {@code file} into the blob store under its digest. */
    private static Descriptor storeBlob(Path blobs, Path file, String mediaType) throws IOException {
        String hex = sha256(file);
        long size = Files.size(file);
        Files.move(file, blobs.resolve(hex));
        return new Descriptor(mediaType, "sha256:" + hex, size);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static void tar(Path scratch, List<String> command) throws IOException {
        Path output = Files.createDirectories(scratch.resolve("tar-output"));
        CommandResult result = new CommandRunner(output).run(command, scratch, TAR_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("packing the test image failed:\n" + result.describe());
        }
    }
}

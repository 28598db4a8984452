package dev.jrunc.spec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads config.json, exec process files and update resources files into the model.
 *
 * <p>Reading checks what the model needs to hold a document: JSON syntax, the JSON type and
 * integer width of every member, the presence of members the spec marks REQUIRED, and names from
 * closed vocabularies (namespace types, seccomp actions and operators). Unknown members are
 * ignored. Whether a config can actually be run is {@link SpecValidator}'s job; call it after
 * reading. Every failure is an {@link InvalidSpecException} whose one-line message names the
 * source and the JSON path, e.g. {@code config.json: process.user.uid: expected an integer, got "abc"}.
 */
public final class SpecReader {

    private SpecReader() {}

    /** Reads a config.json file; the path as given names the source in messages. */
    public static Spec readConfig(Path configJson) {
        String source = configJson.toString();
        return parseConfig(readAll(configJson, source), source);
    }

    /** Parses config.json content; {@code sourceName} names the document in messages. */
    public static Spec parseConfig(byte[] json, String sourceName) {
        return SpecCodec.read(JsonInput.parseObject(json, sourceName));
    }

    /** Parses a process document as given to {@code exec --process FILE}; paths are relative to it. */
    public static SpecProcess parseProcess(byte[] json, String sourceName) {
        return ProcessCodec.read(JsonInput.parseObject(json, sourceName));
    }

    /** Parses a resources document as given to {@code update --resources FILE}. */
    public static Resources parseResources(byte[] json, String sourceName) {
        return ResourcesCodec.read(JsonInput.parseObject(json, sourceName));
    }

    private static byte[] readAll(Path file, String source) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(source, "", "cannot read: no such file", e);
        } catch (AccessDeniedException e) {
            throw new InvalidSpecException(source, "", "cannot read: permission denied", e);
        } catch (IOException e) {
            throw new InvalidSpecException(source, "", "cannot read: " + e.getMessage(), e);
        }
    }
}


import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A build step, not part of the runtime: rewrites the class files of the jars in a directory that
 * are older than Java 6 (version 50) as Java 8 class files with stack maps, computed with the
 * JDK's ClassFile API. The code itself is unchanged.
 *
 * <p>Why: the AOT cache (JEP 483) cannot hold classes that the JVM had to verify with the old
 * type-inferring verifier ("Skipping ...: Old class has been linked"), so such classes are
 * loaded, parsed and verified from the jar on every start. picocli 4.x ships Java 5 class files;
 * upgraded, its classes come from the cache like the runtime's own (about 25 ms less per command
 * on the development machines; see docs/performance.md).
 *
 * <p>A jar is rewritten in place, and only when it holds such classes and is not signed; a jar
 * whose classes cannot be upgraded is left as it was, with a warning.
 *
 * <p>Usage: {@code java -cp CLASSES dev.jrunc.cli.ClassFileUpgrade DIR}
 */
public final class ClassFileUpgrade {
    private static final int FIRST_WITH_STACK_MAPS = ClassFile.JAVA_6_VERSION;
    private static final int TARGET = ClassFile.JAVA_8_VERSION;

    private ClassFileUpgrade() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ClassFileUpgrade DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<Path> jars;
        try (Stream<Path> list = Files.list(dir)) {
            jars = list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        Map<Path, Map<String, byte[]>> contents = new LinkedHashMap<>();
        Map<String, byte[]> allClasses = new HashMap<>();
        for (Path jar : jars) {
            Map<String, byte[]> entries = read(jar);
            contents.put(jar, entries);
            entries.forEach((name, bytes) -> {
                if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                    allClasses.putIfAbsent(name, bytes);
                }
            });
        }
        // Stack maps need the class hierarchy: the jars' own classes first, then the JDK's.
        ClassHierarchyResolver jarsResolver = ClassHierarchyResolver.ofResourceParsing(desc -> {
            String d = desc.descriptorString();
            byte[] bytes = allClasses.get(d.substring(1, d.length() - 1) + ".class");
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        });
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                jarsResolver.orElse(ClassHierarchyResolver.defaultResolver())));
        ClassTransform upgrade = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen((builder, element) -> {
                    if (element instanceof ClassFileVersion) {
                        builder.withVersion(TARGET, 0);
                    } else {
                        builder.with(element);
                    }
                });
        for (Map.Entry<Path, Map<String, byte[]>> jar : contents.entrySet()) {
            upgradeJar(jar.getKey(), jar.getValue(), classFile, upgrade);
        }
    }

    private static void upgradeJar(Path jar, Map<String, byte[]> entries, ClassFile classFile, ClassTransform upgrade)
            throws IOException {
        if (entries.keySet().stream().anyMatch(n -> n.startsWith("META-INF/") && n.endsWith(".SF"))) {
            return;
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        int upgraded = 0;
        try {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] bytes = e.getValue();
                if (e.getKey().endsWith(".class") && !e.getKey().startsWith("META-INF/")) {
                    ClassModel model = classFile.parse(bytes);
                    if (model.majorVersion() < FIRST_WITH_STACK_MAPS) {
                        bytes = classFile.transformClass(model, upgrade);
                        // Fail here rather than at run time if the result would not verify.
                        List<?> errors = classFile.verify(bytes);
                        if (!errors.isEmpty()) {
                            throw new IllegalStateException(e.getKey() + ": " + errors.getFirst());
                        }
                        upgraded++;
                    }
                }
                out.put(e.getKey(), bytes);
            }
        } catch (RuntimeException e) {
            System.err.println("[WARNING] ClassFileUpgrade: leaving " + jar.getFileName() + " as it is: " + e);
            return;
        }
        if (upgraded == 0) {
            return;
        }
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (Map.Entry<String, byte[]> e : out.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }
}

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (run with the toolchain's java in source-file mode): writes the running JDK's home
 * to the file named by the first argument, for bin/jrunc to find the JDK the build used.
 */
public class WriteJavaHome {
    public static void main(String[] args) throws Exception {
        Files.writeString(Path.of(args[0]), System.getProperty("java.home") + "\n");
    }
}

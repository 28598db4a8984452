import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * bench/startup's probe, run in a fresh JVM per measurement with the runtime's class path (this
 * class appended after it, so the AOT cache still applies). Prints one line of
 * {@code name milliseconds} pairs, timed with System.nanoTime inside the JVM:
 *
 * <ul>
 *   <li>{@code noop}: nothing (the JVM's own start is timed from outside);
 *   <li>{@code model}: picocli's command model of the runtime with every subcommand
 *       ({@code Main.commandLine(new JruncCommand(...), no arguments)}), built twice: the first
 *       build pays for picocli's start, the second shows what is left when that is warm;
 *   <li>{@code ffm}: the three downcall handles {@code start} needs (open, write, close), made
 *       directly, one after the other;
 *   <li>{@code sys CLASS...}: initialisation of each named class (the dev.jrunc.sys bindings make
 *       their downcall handles in their static initialisers), in the order given.
 * </ul>
 */
public final class StartupProbe {
    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder();
        switch (args[0]) {
            case "noop" -> out.append("noop 0");
            case "model" -> {
                Class<?> top = Class.forName("dev.jrunc.cli.JruncCommand");
                Constructor<?> c = top.getDeclaredConstructor(PrintStream.class, Supplier.class);
                c.setAccessible(true);
                java.lang.reflect.Method commandLine = Class.forName("dev.jrunc.cli.Main")
                        .getDeclaredMethod("commandLine", top, String[].class);
                commandLine.setAccessible(true);
                for (String name : new String[] {"model-first", "model-again"}) {
                    Supplier<OffsetDateTime> clock = OffsetDateTime::now;
                    long t0 = System.nanoTime();
                    commandLine.invoke(null, c.newInstance(System.err, clock), new String[0]);
                    out.append(ms(name, t0)).append(' ');
                }
            }
            case "sys" -> {
                long all = System.nanoTime();
                for (int i = 1; i < args.length; i++) {
                    long t0 = System.nanoTime();
                    Class.forName(args[i], true, StartupProbe.class.getClassLoader());
                    out.append(ms(args[i].substring(args[i].lastIndexOf('.') + 1), t0)).append(' ');
                }
                out.append(ms("all", all));
            }
            case "ffm" -> {
                // What start needs from libc (open, write, close), each handle made on its own,
                // with errno captured as dev.jrunc.sys.Libc does.
                long all = System.nanoTime();
                java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
                java.lang.foreign.SymbolLookup libc = linker.defaultLookup();
                java.lang.foreign.Linker.Option errno = java.lang.foreign.Linker.Option.captureCallState("errno");
                out.append(ms("linker", all)).append(' ');
                var i = java.lang.foreign.ValueLayout.JAVA_INT;
                var l = java.lang.foreign.ValueLayout.JAVA_LONG;
                var a = java.lang.foreign.ValueLayout.ADDRESS;
                Object[][] calls = {
                        {"open", java.lang.foreign.FunctionDescriptor.of(i, i, a, i, i)},
                        {"write", java.lang.foreign.FunctionDescriptor.of(l, i, a, l)},
                        {"close", java.lang.foreign.FunctionDescriptor.of(i, i)}};
                for (Object[] call : calls) {
                    long t0 = System.nanoTime();
                    linker.downcallHandle(libc.find((String) call[0]).orElseThrow(),
                            (java.lang.foreign.FunctionDescriptor) call[1], errno);
                    out.append(ms((String) call[0], t0)).append(' ');
                }
                out.append(ms("all", all));
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println(out.toString().trim());
    }

    private static String ms(String name, long t0) {
        return String.format(Locale.ROOT, "%s %.2f", name, (System.nanoTime() - t0) / 1e6);
    }
}

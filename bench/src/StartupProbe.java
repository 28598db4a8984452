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
 *   <li>{@code gate}: dev.jrunc.sys's one system-call handle ({@code syscall(2)} with six
 *       64-bit arguments, errno captured): the linker, the handle, its first call (getpid, x86_64
 *       numbering), then one handle of another descriptor shape, which costs as much again.
 * </ul>
 */
public final class StartupProbe {
    public static void main(String[] args) throws Throwable {
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
            case "gate" -> {
                // dev.jrunc.sys.RawSyscall's one handle: syscall(2), six 64-bit arguments,
                // variadic after the number, errno captured; then one handle of a second shape.
                long all = System.nanoTime();
                java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
                java.lang.foreign.SymbolLookup libc = linker.defaultLookup();
                java.lang.foreign.Linker.Option errno = java.lang.foreign.Linker.Option.captureCallState("errno");
                out.append(ms("linker", all)).append(' ');
                var l = java.lang.foreign.ValueLayout.JAVA_LONG;
                long t0 = System.nanoTime();
                java.lang.invoke.MethodHandle gate = linker.downcallHandle(libc.find("syscall").orElseThrow(),
                        java.lang.foreign.FunctionDescriptor.of(l, l, l, l, l, l, l, l), errno,
                        java.lang.foreign.Linker.Option.firstVariadicArg(1));
                out.append(ms("gate-handle", t0)).append(' ');
                try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                    java.lang.foreign.MemorySegment state = arena.allocate(
                            java.lang.foreign.Linker.Option.captureStateLayout());
                    t0 = System.nanoTime();
                    long pid = (long) gate.invokeExact(state, 39L, 0L, 0L, 0L, 0L, 0L, 0L);
                    out.append(ms("first-call", t0)).append(' ');
                    if (pid <= 0 && !System.getProperty("os.arch").equals("amd64")) {
                        throw new IllegalStateException("getpid is 39 on x86_64 only");
                    }
                }
                var i = java.lang.foreign.ValueLayout.JAVA_INT;
                t0 = System.nanoTime();
                linker.downcallHandle(libc.find("close").orElseThrow(), java.lang.foreign.FunctionDescriptor.of(i, i),
                        errno);
                out.append(ms("another-shape", t0)).append(' ');
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

package dev.jrunc.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Declares one command's options and positional arguments on its picocli model, each bound to a
 * setter of the command object:
 *
 * <pre>{@code
 * options.option("--format", "-f").label("table|json").defaultValue("table")
 *         .description("table or json (default: ${DEFAULT-VALUE})").to(OutputFormat.class, v -> format = v);
 * options.flag("--quiet", "-q").description("print only the container ids").to(v -> quiet = v);
 * options.arguments("ID").to(v -> args = v);
 * }</pre>
 *
 * <p>This takes the place of picocli's annotations, which picocli reads by reflection on every
 * start: in a cold JVM that cost about a third of a short command (the JDK makes a proxy class
 * per annotation type at run time, which the AOT cache cannot hold). The model is the same one
 * the annotations described, so picocli parses, converts, validates and prints help as before.
 */
final class OptionBinder {
    /**
     * Paths without picocli's own converter, which calls {@code Paths.get} by reflection: that
     * makes a class at run time on every start, as --root always has a value.
     */
    private static final ITypeConverter<Path> PATH = Path::of;

    private final CommandSpec spec;

    OptionBinder(CommandSpec spec) {
        this.spec = spec;
        // runc spells the values of its enum options in lower case (--log-format json), and so do
        // their defaults here; picocli would otherwise accept only the constants' exact names.
        spec.parser().caseInsensitiveEnumValuesAllowed(true);
    }

    /** An option without a value, e.g. {@code --debug}; its setter gets {@code true} when it is given. */
    Flag flag(String... names) {
        return new Flag(OptionSpec.builder(names));
    }

    /** An option with a value, e.g. {@code --root DIR} or {@code --root=DIR}. */
    Valued option(String... names) {
        return new Valued(OptionSpec.builder(names));
    }

    /**
     * Every positional argument, as one list of any length: commands count them themselves, so
     * that a wrong count fails with runc's wording (see {@link Arguments}).
     */
    Positionals arguments(String label) {
        return new Positionals(PositionalParamSpec.builder().index("0..*").arity("0..*").paramLabel(label));
    }

    /** {@code -h/--help}: picocli prints the command's usage and the command does not run. */
    void usageHelp() {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("show help").build());
    }

    /** {@code -v/--version}: picocli prints the command's version and the command does not run. */
    void versionHelp() {
        spec.addOption(OptionSpec.builder("-v", "--version").versionHelp(true).description("print the version").build());
    }

    /** A flag being declared; {@link #to} adds it to the command. */
    final class Flag {
        private final OptionSpec.Builder builder;

        private Flag(OptionSpec.Builder builder) {
            this.builder = builder;
        }

        Flag description(String description) {
            builder.description(description);
            return this;
        }

        /** Accepted but left out of help (e.g. obsolete flags engines may still pass). */
        Flag hidden() {
            builder.hidden(true);
            return this;
        }

        void to(Consumer<Boolean> setter) {
            // Reset to false before parsing, as picocli does with an annotated boolean field.
            spec.addOption(bound(builder.type(boolean.class).initialValue(false), setter).build());
        }
    }

    /** An option with a value being declared; {@link #to} or {@link #toList} adds it to the command. */
    final class Valued {
        private final OptionSpec.Builder builder;

        private Valued(OptionSpec.Builder builder) {
            this.builder = builder;
        }

        /** The value's name in help and errors, e.g. {@code DIR} in {@code --root=DIR}. */
        Valued label(String label) {
            builder.paramLabel(label);
            return this;
        }

        /** Converted and set after parsing when the option is not given; {@code ${DEFAULT-VALUE}} in help. */
        Valued defaultValue(String value) {
            builder.defaultValue(value);
            return this;
        }

        Valued description(String description) {
            builder.description(description);
            return this;
        }

        /** Accepted but left out of help (e.g. obsolete flags engines may still pass). */
        Valued hidden() {
            builder.hidden(true);
            return this;
        }

        /**
         * One value of {@code type}, converted by picocli (String, int, long, Long, enums
         * case-insensitively...; Path here); the last one given wins.
         */
        <T> void to(Class<T> type, Consumer<T> setter) {
            add(builder.type(type), type, setter);
        }

        /** Repeatable: each occurrence adds one value of {@code element} to the list the setter gets. */
        <E> void toList(Class<E> element, Consumer<List<E>> setter) {
            add(builder.type(List.class).auxiliaryTypes(element), element, setter);
        }

        private void add(OptionSpec.Builder typed, Class<?> converted, Consumer<?> setter) {
            if (converted == Path.class) {
                typed.converters(PATH);
            }
            // No reset before parsing: the command's own initial value stands until picocli sets one.
            spec.addOption(bound(typed.hasInitialValue(false), setter).build());
        }
    }

    /** The positional arguments being declared; {@link #to} adds them to the command. */
    final class Positionals {
        private final PositionalParamSpec.Builder builder;

        private Positionals(PositionalParamSpec.Builder builder) {
            this.builder = builder;
        }

        /** Left out of help, for commands that take no argument (but must count them to fail as runc does). */
        Positionals hidden() {
            builder.hidden(true);
            return this;
        }

        void to(Consumer<List<String>> setter) {
            spec.addPositional(bound(builder.type(List.class).auxiliaryTypes(String.class).hasInitialValue(false), setter)
                    .build());
        }
    }

    // Two of them: picocli's common builder type (ArgSpec.Builder) is not public.
    private static OptionSpec.Builder bound(OptionSpec.Builder builder, Consumer<?> setter) {
        Binding<?> binding = new Binding<>(setter);
        return builder.getter(binding).setter(binding);
    }

    private static PositionalParamSpec.Builder bound(PositionalParamSpec.Builder builder, Consumer<?> setter) {
        Binding<?> binding = new Binding<>(setter);
        return builder.getter(binding).setter(binding);
    }

    /**
     * How picocli reads and writes one value: it keeps the value (picocli reads a list back to add
     * the next element) and hands every value set to the command's setter. {@link ISetter#set} is
     * generic, so it cannot be a lambda itself.
     */
    private static final class Binding<T> implements IGetter, ISetter {
        private final Consumer<T> setter;
        private T value;

        Binding(Consumer<T> setter) {
            this.setter = setter;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> V get() {
            return (V) value;
        }

        /** Picocli converts each value to the declared type before it gets here. */
        @Override
        @SuppressWarnings("unchecked")
        public <V> V set(V newValue) {
            V old = get();
            value = (T) newValue;
            setter.accept(value);
            return old;
        }
    }
}

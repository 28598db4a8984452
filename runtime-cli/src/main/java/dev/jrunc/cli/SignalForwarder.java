package dev.jrunc.cli;

import dev.jrunc.container.lifecycle.InitProcess;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While foreground {@code run} waits, passes the signals a terminal or supervisor sends to the
 * container's init, as runc does. SIGQUIT cannot be taken over: the JVM reserves it for thread
 * dumps (and -Xrs, which frees it, would take INT, TERM and HUP away instead).
 */
final class SignalForwarder implements AutoCloseable {
    private static final List<String> FORWARDED = List.of("INT", "TERM", "HUP", "QUIT", "USR1", "USR2");
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    SignalForwarder(InitProcess init, RuntimeLog log) {
        for (String name : FORWARDED) {
            Signal signal = new Signal(name);
            try {
                previous.add(Signal.handle(signal, s -> init.signal(s.getNumber())));
                installed.add(signal);
            } catch (IllegalArgumentException reserved) {
                log.debug("cannot forward SIG" + name + ": " + reserved.getMessage());
            }
        }
    }

    /** Restores the JVM's handlers, before the init's pidfd is closed. */
    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
    }
}

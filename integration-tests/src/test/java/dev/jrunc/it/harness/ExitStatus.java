package dev.jrunc.it.harness;

/**
 * How a reaped process ended, decoded from a {@code waitpid} status.
 *
 * @param exitCode the exit code, or -1 when a signal ended it
 * @param signal   the terminating signal, or 0 when it exited
 */
public record ExitStatus(int exitCode, int signal) {

    /** Decodes a raw {@code wait} status (WIFEXITED / WTERMSIG). */
    public static ExitStatus decode(int raw) {
        int signal = raw & 0x7f;
        return signal == 0 ? new ExitStatus((raw >> 8) & 0xff, 0) : new ExitStatus(-1, signal);
    }

    @Override
    public String toString() {
        return signal == 0 ? "exit code " + exitCode : "killed by signal " + signal;
    }
}

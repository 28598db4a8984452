package dev.jrunc.container;

/**
 * A failure the runtime reports to its caller as one line (on stderr and in --log) and a
 * non-zero exit status. Messages keep the phrases engines match on: "does not exist",
 * "container not running", "no such file or directory", "permission denied".
 */
public class ContainerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ContainerException(String message) {
        this(message, 1, null);
    }

    public ContainerException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public ContainerException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The exit status the CLI uses for this failure (runc uses 1, and 255 for exec failures). */
    public int exitCode() {
        return exitCode;
    }
}

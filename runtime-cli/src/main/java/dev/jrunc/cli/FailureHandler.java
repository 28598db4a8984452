package dev.jrunc.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr (and in --log) and a non-zero exit status; stack
 * traces of internal errors appear only with --debug.
 */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final JruncCommand top;
    private final PrintStream stderr;

    FailureHandler(JruncCommand top, PrintStream stderr) {
        this.top = top;
        this.stderr = stderr;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        return report(ex);
    }

    /** A usage error: runc's "jrunc: ..." wording, rc 1. */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        top.log().error("jrunc: " + Failure.oneLine(ex.getMessage()));
        return 1;
    }

    int report(Throwable t) {
        Failure failure = Failure.of(t);
        RuntimeLog log = top.log();
        log.error(failure.message());
        if (failure.unexpected() && log.debugEnabled()) {
            t.printStackTrace(stderr);
        }
        return failure.exitCode();
    }
}

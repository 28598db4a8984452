package dev.jrunc.it.harness;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints once, at the end of the run, why tests were skipped: the build log otherwise shows only
 * a count, and "74 skipped" on CI hides that no container ever ran. Registered through
 * META-INF/services.
 */
public final class SkipReasonReporter implements TestExecutionListener {

    private final Map<String, Integer> reasons = new TreeMap<>();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String reason = result.getThrowable().map(Throwable::getMessage).orElse("no reason given");
            reasons.merge(reason, 1, Integer::sum);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        reasons.forEach((reason, count) -> System.out.printf("[jrunc-it] %d test(s) skipped: %s%n", count, reason));
    }
}

package dev.jrunc.container.create;

import dev.jrunc.spec.Spec;

/**
 * Test access to {@link UnsupportedSettings}, so the CLI's {@code features} tests can check that
 * what it reports as supported is exactly what {@code create} accepts.
 */
public final class UnsupportedSettingsProbe {
    private UnsupportedSettingsProbe() {
    }

    /** Whether {@code create} accepts {@code spec} as far as unsupported settings go. */
    public static boolean accepts(Spec spec) {
        try {
            UnsupportedSettings.check(spec);
            return true;
        } catch (dev.jrunc.container.ContainerException refused) {
            return false;
        }
    }
}

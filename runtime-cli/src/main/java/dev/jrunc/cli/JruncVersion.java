package dev.jrunc.cli;

import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints, in runc's layout. */
final class JruncVersion implements IVersionProvider {
    static final String VERSION = "0.1.0";
    /** The OCI runtime-spec version implemented; also the {@code ociVersion} of state output. */
    static final String SPEC_VERSION = "1.3.0";

    @Override
    public String[] getVersion() {
        return new String[] {"jrunc version " + VERSION, "spec: " + SPEC_VERSION};
    }
}

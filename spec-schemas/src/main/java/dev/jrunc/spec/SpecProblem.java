package dev.jrunc.spec;

/**
 * One reason a document cannot be used, located by its JSON path.
 *
 * @param path the JSON path, e.g. {@code process.rlimits[1].type}; empty for the whole document
 * @param reason what is wrong, one line
 */
public record SpecProblem(String path, String reason) {

    @Override
    public String toString() {
        return path.isEmpty() ? reason : path + ": " + reason;
    }
}

package dev.jrunc.it.fuzz;

/**
 * One malformed or hostile input for {@code create}.
 *
 * @param number        its place in the generated list, for names and reports
 * @param category      the kind of damage, for the summary (e.g. "wrong-type")
 * @param label         what exactly was done, e.g. {@code process.user.uid = "7"}
 * @param expectedField what the one-line error must name (a JSON path such as
 *                      {@code process.args[0]}, or a phrase such as {@code malformed JSON}), or
 *                      null when no single field is to blame
 * @param config        the config.json bytes
 * @param containerId   the container id to create, or null for a fresh well-formed one
 */
public record ConfigVariant(int number, String category, String label, String expectedField, byte[] config,
        String containerId) {
}

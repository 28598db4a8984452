package dev.jrunc.spec;

/**
 * A condition on one system call argument. The values are uint64 in a long's 64 bits, so
 * 4294967295 and 18446744073709551615 both survive exactly (the latter as {@code -1L}).
 *
 * @param index the argument's position (uint32); required
 * @param value the value compared against, unsigned; required
 * @param valueTwo the second value (the mask's operand for SCMP_CMP_MASKED_EQ), unsigned; 0 when absent
 * @param op the comparison; required
 */
public record SeccompArg(long index, long value, long valueTwo, SeccompOperator op) {}

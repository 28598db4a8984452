package dev.jrunc.cli;

import java.math.BigDecimal;

/**
 * A float64 as Go's encoding/json writes it: the shortest decimal that reads back as the same
 * double, plain ("7.05", "0", "100") unless its magnitude is below 1e-6 or from 1e21 up, then in
 * exponent form ("1e-7", "1.5e+21").
 */
final class GoFloat {
    private GoFloat() {
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            // encoding/json refuses these; no kernel counter is one.
            throw new IllegalArgumentException("no JSON form for " + value);
        }
        if (value == 0) {
            return "0";
        }
        // Double.toString is the shortest round-tripping decimal (JDK 19+), as Go's 'f'/'e' with precision -1.
        BigDecimal d = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        double abs = Math.abs(value);
        if (abs >= 1e-6 && abs < 1e21) {
            return d.toPlainString();
        }
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        StringBuilder b = new StringBuilder();
        if (value < 0) {
            b.append('-');
        }
        b.append(digits.charAt(0));
        if (digits.length() > 1) {
            b.append('.').append(digits, 1, digits.length());
        }
        // strconv writes at least two exponent digits, but encoding/json drops the 0 of "e-07",
        // and a positive exponent here is at least 21.
        b.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        return b.toString();
    }
}

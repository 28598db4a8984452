package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected texts are what Go's json.Marshal prints for the same float64. */
class GoFloatTest {
    @Test
    void plainInTheUsualRange() {
        assertEquals("0", GoFloat.format(0));
        assertEquals("7.05", GoFloat.format(7.05));
        assertEquals("1.4", GoFloat.format(1.40));
        assertEquals("100", GoFloat.format(100.00));
        assertEquals("0.01", GoFloat.format(0.01));
        assertEquals("-2.5", GoFloat.format(-2.5));
        assertEquals("0.000001", GoFloat.format(1e-6));
        assertEquals("100000000000000000000", GoFloat.format(1e20));
        assertEquals("0.30000000000000004", GoFloat.format(0.1 + 0.2));
    }

    @Test
    void exponentsOutsideIt() {
        assertEquals("1e-7", GoFloat.format(1e-7));
        assertEquals("1.5e-10", GoFloat.format(1.5e-10));
        assertEquals("1e+21", GoFloat.format(1e21));
        assertEquals("-1.25e+22", GoFloat.format(-1.25e22));
    }
}

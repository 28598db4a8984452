package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** go-units' RAMInBytes, as runc's update takes memory values. */
class RamBytesTest {
    @Test
    void plainNumbersAndBinarySuffixes() {
        assertEquals(1024, RamBytes.parse("1024"));
        assertEquals(16L << 20, RamBytes.parse("16m"));
        assertEquals(16L << 20, RamBytes.parse("16M"));
        assertEquals(16L << 20, RamBytes.parse("16mb"));
        assertEquals(16L << 20, RamBytes.parse("16MiB"));
        assertEquals(512L << 10, RamBytes.parse("512 kb"));
        assertEquals(3L << 29, RamBytes.parse("1.5g"));
        assertEquals(1L << 40, RamBytes.parse("1t"));
        assertEquals(1L << 50, RamBytes.parse("1p"));
        assertEquals(100, RamBytes.parse("100b"));
        assertEquals(100, RamBytes.parse("100.9"));
        assertEquals(1000, RamBytes.parse("1e3"));
    }

    @Test
    void goUnitsErrors() {
        assertEquals("invalid size: 'abc'", message("abc"));
        assertEquals("invalid size: '-2'", message("-2"));
        assertEquals("invalid suffix: 'x'", message("16x"));
        assertEquals("invalid suffix: 'mx'", message("16mx"));
        assertEquals("invalid suffix: 'MiBx'", message("16MiBx"));
        assertEquals("strconv.ParseFloat: parsing \"16mib2\": invalid syntax", message("16mib2"));
        assertEquals("invalid suffix: 'bb'", message("16bb"));
        assertEquals("strconv.ParseFloat: parsing \"1x5\": invalid syntax", message("1x5"));
        assertEquals("strconv.ParseFloat: parsing \"\": invalid syntax", message(" m"));
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> RamBytes.parse(text)).getMessage();
    }
}

package dev.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TabTableTest {
    @Test
    void padsLikeGoTabwriterWithMinWidth12AndPadding3() {
        String table = new TabTable()
                .row("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER")
                .row("c1", "1221", "created", "/tmp/jrunc-bundle1", "2026-11-24T14:38:26.364846128Z", "root")
                .row("a-much-longer-id", "0", "stopped", "/b", "2024-05-01T10:20:30Z", "")
                .toString();
        assertEquals("ID                 PID         STATUS      BUNDLE               CREATED                          OWNER\n"
                + "c1                 1221        created     /tmp/jrunc-bundle1   2026-11-24T14:38:26.364846128Z   root\n"
                + "a-much-longer-id   0           stopped     /b                   2024-05-01T10:20:30Z             \n", table);
    }

    @Test
    void widthCountsCharactersNotBytes() {
        assertEquals("\u00e9\u00e9          x\nab          y\n", new TabTable().row("\u00e9\u00e9", "x").row("ab", "y").toString());
    }
}

package dev.jrunc.container.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrunc.container.ContainerException;
import dev.jrunc.sys.Processes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcStatTest {
    /** A real stat line (52 fields) with {@code comm} replaced. */
    static String statLine(int pid, String comm, char state, long startTime) {
        return pid + " (" + comm + ") " + state + " 1 1221 1221 0 -1 4194560 1043 0 0 0 1 2 0 0 20 0 1 0 "
                + startTime + " 2691072 224 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    }

    @Test
    void parsesAPlainLine() {
        ProcStat s = ProcStat.parse(statLine(1234, "sleep", 'S', 5678));
        assertEquals(new ProcStat(1234, "sleep", 'S', 5678), s);
    }

    @Test
    void commMayHoldSpacesAndParentheses() {
        assertEquals(new ProcStat(7, "a b) R (c d", 'S', 99), ProcStat.parse(statLine(7, "a b) R (c d", 'S', 99)));
        assertEquals(new ProcStat(8, ") ) )", 'R', 100), ProcStat.parse(statLine(8, ") ) )", 'R', 100)));
        assertEquals(new ProcStat(9, "", 'D', 101), ProcStat.parse(statLine(9, "", 'D', 101)));
    }

    @Test
    void zombiesAndDeadProcessesAreDead() {
        assertTrue(ProcStat.parse(statLine(1, "x", 'Z', 1)).isDead());
        assertTrue(ProcStat.parse(statLine(1, "x", 'X', 1)).isDead());
        assertFalse(ProcStat.parse(statLine(1, "x", 'S', 1)).isDead());
        assertFalse(ProcStat.parse(statLine(1, "x", 'T', 1)).isDead());
    }

    @Test
    void rejectsMalformedText() {
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("12 sleep S 1"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("12 (sleep) S 1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("x (sleep) S 1 1221 1221 0 -1 4194560 1043 0 0 0 1 2 0 0 20 0 1 0 5 6"));
    }

    @Test
    void readsThisProcess() {
        int self = Processes.currentPid();
        ProcStat s = ProcStat.read(self).orElseThrow();
        assertEquals(self, s.pid());
        assertTrue(s.startTime() > 0);
        assertEquals(s.startTime(), StatusProbe.procStartTime(self));
    }

    @Test
    void aMissingProcessHasNoStat() {
        // pid_max is at most 2^22, so this pid never exists.
        assertEquals(Optional.empty(), ProcStat.read(1 << 23));
        assertEquals(Optional.empty(), ProcStat.read(0));
        assertThrows(ContainerException.class, () -> StatusProbe.procStartTime(1 << 23));
    }
}

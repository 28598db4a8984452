package dev.jrunc.container.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrunc.container.ContainerException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalsTest {
    @ParameterizedTest
    @CsvSource({"9,9", "15,15", "KILL,9", "SIGKILL,9", "kill,9", "SigTerm,15", "term,15", "HUP,1", "USR1,10",
            "SIGUSR2,12", "WINCH,28", "CHLD,17", "RTMIN,34", "RTMIN+3,37", "SIGRTMAX-1,63", "RTMAX,64", "64,64", "1,1"})
    void parsesNamesAndNumbers(String text, int number) {
        assertEquals(number, Signals.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "65", "-9", "FOO", "SIG", "SIGSIGKILL", "RTMIN+31", "RTMAX-31x", "RTMIN+", "99999999999"})
    void rejectsUnknownSignals(String text) {
        ContainerException e = assertThrows(ContainerException.class, () -> Signals.parse(text));
        assertEquals("unknown signal \"" + text + "\"", e.getMessage());
    }
}

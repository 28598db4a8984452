package dev.jrunc.container.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jrunc.container.ContainerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "c1", "my_container-1.2+x", "A.b", "...", ".a", "a..b",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void acceptsRuncIds(String id) {
        assertEquals(id, ContainerId.validate(id));
    }

    @Test
    void rejectsSlashNamingTheCharacter() {
        ContainerException e = assertThrows(ContainerException.class, () -> ContainerId.validate("a/b"));
        assertEquals("invalid container id \"a/b\": character \"/\" is not allowed "
                + "(only letters, digits, '_', '+', '-' and '.')", e.getMessage());
        assertEquals(1, e.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a:b", "a\u00e9", "a,b", "a*"})
    void rejectsOtherCharacters(String id) {
        assertThrows(ContainerException.class, () -> ContainerId.validate(id));
    }

    @Test
    void rejectsDotAndDotDot() {
        assertEquals("invalid container id \".\": must not be \".\" or \"..\"",
                assertThrows(ContainerException.class, () -> ContainerId.validate(".")).getMessage());
        assertThrows(ContainerException.class, () -> ContainerId.validate(".."));
    }

    @Test
    void rejectsEmptyAndNull() {
        assertEquals("invalid container id \"\": must not be empty",
                assertThrows(ContainerException.class, () -> ContainerId.validate("")).getMessage());
        assertThrows(ContainerException.class, () -> ContainerId.validate(null));
    }

    @Test
    void limitsLengthToOnePathComponent() {
        assertEquals(255, ContainerId.validate("x".repeat(255)).length());
        ContainerException e = assertThrows(ContainerException.class, () -> ContainerId.validate("x".repeat(256)));
        assertEquals(true, e.getMessage().endsWith(": longer than 255 characters"));
    }

    @Test
    void keepsTheMessageOnOneLine() {
        ContainerException e = assertThrows(ContainerException.class, () -> ContainerId.validate("a\nb"));
        assertEquals(false, e.getMessage().contains("\n"), e.getMessage());
        assertEquals(true, e.getMessage().startsWith("invalid container id \"a\\nb\": character \"\\n\""), e.getMessage());
    }
}

package dev.jrunc.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class SyscallExceptionTest {

    @Test
    void messageNamesCallArgumentsTextAndErrnoName() {
        SyscallException e = new SyscallException("mount", "source=\"proc\", target=\"/x/proc\"", Errno.EACCES);
        assertEquals("mount(source=\"proc\", target=\"/x/proc\"): Permission denied (EACCES)", e.getMessage());
        assertEquals("mount", e.syscall());
        assertEquals(Errno.EACCES, e.errno());
        assertTrue(e.is(Errno.EACCES));
        assertFalse(e.is(Errno.EPERM));
    }

    @Test
    void openingAMissingFileNamesThePathAndEnoent() {
        String path = "/nonexistent-jrunc-test/missing-file";
        SyscallException e = assertThrows(SyscallException.class, () -> Files.open(path, Files.O_RDONLY));
        assertEquals("openat(dirfd=-100, path=\"" + path + "\", flags=00): No such file or directory (ENOENT)",
                e.getMessage());
        assertEquals("openat", e.syscall());
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.is(Errno.ENOENT));
    }

    @Test
    void flagsAreShownInOctal() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> Files.open("/nonexistent-jrunc-test", Files.O_RDONLY | Files.O_DIRECTORY));
        assertTrue(e.getMessage().contains("flags=0200000)"), e.getMessage());
    }

    @Test
    void errnoNamesMatchEveryConstant() throws IllegalAccessException {
        int checked = 0;
        for (Field f : Errno.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                int value = f.getInt(null);
                assertEquals(f.getName(), Errno.name(value), "strerrorname_np(" + value + ")");
                checked++;
            }
        }
        assertTrue(checked >= 20, "only " + checked + " constants found");
    }

    @Test
    void describeGivesLibcText() {
        assertEquals("No such file or directory", Errno.describe(Errno.ENOENT));
        assertEquals("Operation not permitted", Errno.describe(Errno.EPERM));
        assertEquals("Too many levels of symbolic links", Errno.describe(Errno.ELOOP));
        assertEquals("Invalid cross-device link", Errno.describe(Errno.EXDEV));
        assertEquals("Device or resource busy", Errno.describe(Errno.EBUSY));
    }

    @Test
    void unknownErrnoFallsBack() {
        assertEquals("Unknown error 4242", Errno.describe(4242));
        assertEquals("E4242", Errno.name(4242));
        assertEquals("mknod(x): Unknown error 4242 (E4242)", new SyscallException("mknod", "x", 4242).getMessage());
    }

    @Test
    void errnoValuesAreTheLinuxNumbers() {
        assertEquals(1, Errno.EPERM);
        assertEquals(2, Errno.ENOENT);
        assertEquals(17, Errno.EEXIST);
        assertEquals(40, Errno.ELOOP);
        assertEquals("ENOSYS", Errno.name(38));
        assertEquals("EOPNOTSUPP", Errno.name(95));
    }
}

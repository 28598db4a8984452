package dev.jrunc.container.init;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test access to an {@link InitProgram}'s package-private view (its wire bytes and operation
 * descriptions) and a decoder of the helper's wire format, for tests in other packages.
 */
public final class InitPrograms {
    private InitPrograms() {
    }

    /** One decoded operation: its code and payload. */
    public record Operation(int code, byte[] payload) {
        public Reader reader() {
            return new Reader(payload);
        }
    }

    public static byte[] encode(InitProgram program) {
        return program.encode();
    }

    public static int size(InitProgram program) {
        return program.size();
    }

    public static String describe(InitProgram program, int index) {
        return program.describe(index);
    }

    public static List<String> descriptions(InitProgram program) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < program.size(); i++) {
            out.add(program.describe(i));
        }
        return out;
    }

    /** Splits a packet into operations, checking every length against the packet. */
    public static List<Operation> decode(byte[] packet) {
        ByteBuffer b = ByteBuffer.wrap(packet).order(ByteOrder.nativeOrder());
        List<Operation> out = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 8) {
                throw new AssertionError("truncated operation header at " + b.position());
            }
            int code = b.getInt();
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new AssertionError("operation " + code + " claims " + length + " bytes, " + b.remaining() + " left");
            }
            byte[] payload = new byte[length];
            b.get(payload);
            out.add(new Operation(code, payload));
        }
        return out;
    }

    /** Reads a payload the way nsexec.c does: u32, u64, NUL-terminated strings, raw rest. */
    public static final class Reader {
        private final ByteBuffer b;

        Reader(byte[] payload) {
            b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        }

        public int u32() {
            return b.getInt();
        }

        public long u64() {
            return b.getLong();
        }

        public String str() {
            int start = b.position();
            while (b.get() != 0) {
                // scan to the NUL (an exception here means the string is not terminated)
            }
            return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
        }

        public byte[] rest() {
            byte[] r = new byte[b.remaining()];
            b.get(r);
            return r;
        }

        public boolean atEnd() {
            return !b.hasRemaining();
        }
    }
}

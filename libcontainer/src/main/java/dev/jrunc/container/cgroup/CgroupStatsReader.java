package dev.jrunc.container.cgroup;

import dev.jrunc.container.ContainerException;
import dev.jrunc.container.cgroup.CgroupStats.Blkio;
import dev.jrunc.container.cgroup.CgroupStats.BlkioEntry;
import dev.jrunc.container.cgroup.CgroupStats.Cpu;
import dev.jrunc.container.cgroup.CgroupStats.CpuUsage;
import dev.jrunc.container.cgroup.CgroupStats.Hugetlb;
import dev.jrunc.container.cgroup.CgroupStats.Memory;
import dev.jrunc.container.cgroup.CgroupStats.MemoryEntry;
import dev.jrunc.container.cgroup.CgroupStats.Pids;
import dev.jrunc.container.cgroup.CgroupStats.Psi;
import dev.jrunc.container.cgroup.CgroupStats.PsiData;
import dev.jrunc.container.cgroup.CgroupStats.Throttling;
import dev.jrunc.container.state.IoMessages;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a cgroup v2's statistics ({@link CgroupStats}) as runc's cgroups library (fs2) does: a
 * file that does not exist means the controller is not enabled for the cgroup (or the kernel is
 * too old) and leaves its part at zero; any other unreadable or unparsable file fails the whole
 * reading, listing every such problem. Without the pids controller the processes in
 * cgroup.procs are counted instead.
 */
public final class CgroupStatsReader {
    private final Path dir;
    private final CgroupFs fs;
    private final List<String> hugePageSizes;

    /** A reader of the cgroup directory {@code dir}, with this host's huge page sizes. */
    public CgroupStatsReader(Path dir) {
        this(dir, new KernelCgroupFs(), HugePageSizes.ofThisHost());
    }

    CgroupStatsReader(Path dir, CgroupFs fs, List<String> hugePageSizes) {
        this.dir = dir;
        this.fs = fs;
        this.hugePageSizes = List.copyOf(hugePageSizes);
    }

    /**
     * One reading.
     *
     * @throws ContainerException "error while statting cgroup v2: [...]" naming each file that
     *                            exists but could not be read or parsed
     */
    public CgroupStats read() {
        List<String> problems = new ArrayList<>();
        // The order of runc's reading, so that the problems are listed in the same order.
        Pids pids = pids(problems);
        Memory memory = orNone(this::memory, Memory.NONE, problems);
        Psi memoryPsi = psi("memory.pressure", problems);
        Blkio blkio = orNone(this::io, Blkio.NONE, problems);
        Psi ioPsi = psi("io.pressure", problems);
        Cpu cpu = orNone(this::cpu, Cpu.NONE, problems);
        Psi cpuPsi = psi("cpu.pressure", problems);
        SortedMap<String, Hugetlb> hugetlb = orNone(this::hugetlb, new TreeMap<>(), problems);
        if (!problems.isEmpty()) {
            throw new ContainerException("error while statting cgroup v2: [" + String.join(" ", problems) + "]");
        }
        return new CgroupStats(new Cpu(cpu.usage(), cpu.throttling(), cpuPsi),
                new Memory(memory.cache(), memory.usage(), memory.swap(), memory.raw(), memoryPsi),
                pids, new Blkio(blkio.ioServiceBytesRecursive(), blkio.ioServicedRecursive(), ioPsi), hugetlb);
    }

    // --- one controller each -------------------------------------------------------------------

    private Pids pids(List<String> problems) {
        try {
            long current;
            try {
                current = uint("pids.current");
            } catch (NoSuchFileException noController) {
                return new Pids(countProcesses(), 0);
            }
            long max = uint("pids.max");
            // runc reports "no limit" as 0.
            return new Pids(current, max == CgroupStats.UNLIMITED ? 0 : max);
        } catch (IOException e) {
            // Unlike the other controllers', a missing file here is a problem: cgroup.procs always exists.
            problems.add(openFailure(e));
        } catch (Unparsable e) {
            problems.add(e.getMessage());
        }
        return Pids.NONE;
    }

    private long countProcesses() throws IOException {
        String procs;
        try {
            procs = read("cgroup.procs");
        } catch (IOException e) {
            if (!notSupported(e)) {
                throw e;
            }
            // A threaded cgroup's procs cannot be read; runc counts its threads then.
            procs = read("cgroup.threads");
        }
        return procs.chars().filter(c -> c == '\n').count();
    }

    private Memory memory() throws IOException, Unparsable {
        SortedMap<String, Long> raw = new TreeMap<>();
        for (String line : lines("memory.stat")) {
            KeyValue kv = keyValue("memory.stat", line);
            raw.put(kv.key(), kv.value());
        }
        long cache = raw.getOrDefault("file", 0L);
        MemoryEntry usage;
        MemoryEntry swapOnly;
        try {
            usage = memoryData("memory", false);
            swapOnly = memoryData("memory.swap", true);
        } catch (NoSuchFileException partial) {
            return new Memory(cache, MemoryEntry.NONE, MemoryEntry.NONE, raw, null);
        }
        // cgroup v1 reported swap as memory+swap; runc keeps that meaning on v2. The peak of the
        // sum is unknown, so it is 0.
        long swapLimit = swapOnly.limit() == CgroupStats.UNLIMITED ? CgroupStats.UNLIMITED : swapOnly.limit() + usage.limit();
        MemoryEntry swap = new MemoryEntry(swapLimit, swapOnly.usage() + usage.usage(), 0, 0);
        return new Memory(cache, usage, swap, raw, null);
    }

    /** {@code PREFIX.current}, {@code .max} and {@code .peak} (5.19+; swap 6.5+). */
    private MemoryEntry memoryData(String prefix, boolean optional) throws IOException, Unparsable {
        long usage;
        try {
            usage = uint(prefix + ".current");
        } catch (NoSuchFileException e) {
            if (optional) {
                // No swap accounting (CONFIG_MEMCG_SWAP off, or swapaccount=0).
                return MemoryEntry.NONE;
            }
            throw e;
        }
        long limit = uint(prefix + ".max");
        long peak;
        try {
            peak = uint(prefix + ".peak");
        } catch (NoSuchFileException olderKernel) {
            peak = 0;
        }
        return new MemoryEntry(limit, usage, peak, 0);
    }

    private Blkio io() throws IOException, Unparsable {
        List<BlkioEntry> bytes = new ArrayList<>();
        List<BlkioEntry> ios = new ArrayList<>();
        for (String line : lines("io.stat")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 2) {
                continue;
            }
            String[] device = fields[0].split(":", -1);
            if (device.length != 2) {
                continue;
            }
            long major = parseUint("io.stat", device[0]);
            long minor = parseUint("io.stat", device[1]);
            for (int i = 1; i < fields.length; i++) {
                String[] item = fields[i].split("=", -1);
                if (item.length != 2) {
                    continue;
                }
                // cgroup v1's tables: io_service_bytes and io_serviced. The other keys (discards,
                // io.cost) have no place in runc's output.
                switch (item[0]) {
                    case "rbytes" -> bytes.add(new BlkioEntry(major, minor, "Read", parseUint("io.stat", item[1])));
                    case "wbytes" -> bytes.add(new BlkioEntry(major, minor, "Write", parseUint("io.stat", item[1])));
                    case "rios" -> ios.add(new BlkioEntry(major, minor, "Read", parseUint("io.stat", item[1])));
                    case "wios" -> ios.add(new BlkioEntry(major, minor, "Write", parseUint("io.stat", item[1])));
                    default -> {
                    }
                }
            }
        }
        return new Blkio(bytes, ios, null);
    }

    private Cpu cpu() throws IOException, Unparsable {
        long total = 0;
        long user = 0;
        long system = 0;
        long periods = 0;
        long throttled = 0;
        long throttledTime = 0;
        for (String line : lines("cpu.stat")) {
            KeyValue kv = keyValue("cpu.stat", line);
            switch (kv.key()) {
                case "usage_usec" -> total = kv.value() * 1000;
                case "user_usec" -> user = kv.value() * 1000;
                case "system_usec" -> system = kv.value() * 1000;
                case "nr_periods" -> periods = kv.value();
                case "nr_throttled" -> throttled = kv.value();
                case "throttled_usec" -> throttledTime = kv.value() * 1000;
                default -> {
                }
            }
        }
        return new Cpu(new CpuUsage(total, system, user), new Throttling(periods, throttled, throttledTime), null);
    }

    private SortedMap<String, Hugetlb> hugetlb() throws IOException, Unparsable {
        SortedMap<String, Hugetlb> sizes = new TreeMap<>();
        // Like runc: the reservation counter while the kernel has one (5.7+), then the usage.
        boolean reservations = true;
        for (String size : hugePageSizes) {
            String prefix = "hugetlb." + size;
            long usage;
            try {
                try {
                    usage = uint(prefix + (reservations ? ".rsvd.current" : ".current"));
                } catch (NoSuchFileException e) {
                    if (!reservations) {
                        throw e;
                    }
                    reservations = false;
                    usage = uint(prefix + ".current");
                }
                sizes.put(size, new Hugetlb(usage, 0, valueByKey(prefix + ".events", "max")));
            } catch (NoSuchFileException noController) {
                return sizes;
            }
        }
        return sizes;
    }

    /** A pressure file; null when the kernel has none (before 4.20, CONFIG_PSI off, cgroup.pressure 0). */
    private Psi psi(String file, List<String> problems) {
        String text;
        try {
            text = read(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            if (notSupported(e)) {
                return null; // some kernels need psi=1 on the command line
            }
            problems.add(openFailure(e));
            return null;
        }
        PsiData some = PsiData.NONE;
        PsiData full = PsiData.NONE;
        try {
            for (String line : text.split("\n")) {
                String[] fields = line.trim().split("\\s+");
                switch (fields[0]) {
                    case "some" -> some = psiData(file, fields);
                    case "full" -> full = psiData(file, fields);
                    default -> {
                    }
                }
            }
        } catch (Unparsable e) {
            problems.add(e.getMessage());
            return null;
        }
        return new Psi(some, full);
    }

    private PsiData psiData(String file, String[] fields) throws Unparsable {
        double avg10 = 0;
        double avg60 = 0;
        double avg300 = 0;
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            int eq = fields[i].indexOf('=');
            if (eq < 0) {
                throw unparsable(file, "invalid psi data: \"" + fields[i] + "\"");
            }
            String key = fields[i].substring(0, eq);
            String value = fields[i].substring(eq + 1);
            switch (key) {
                case "avg10" -> avg10 = decimal(file, key, value);
                case "avg60" -> avg60 = decimal(file, key, value);
                case "avg300" -> avg300 = decimal(file, key, value);
                case "total" -> {
                    if (!isDigits(value)) {
                        throw unparsable(file, "invalid total PSI value: " + syntax(value));
                    }
                    total = unsigned(file, value);
                }
                default -> {
                }
            }
        }
        return new PsiData(avg10, avg60, avg300, total);
    }

    // --- files and numbers ---------------------------------------------------------------------

    private <T> T orNone(Stat<T> stat, T none, List<String> problems) {
        try {
            return stat.read();
        } catch (NoSuchFileException notEnabled) {
            return none;
        } catch (IOException e) {
            problems.add(openFailure(e));
        } catch (Unparsable e) {
            problems.add(e.getMessage());
        }
        return none;
    }

    @FunctionalInterface
    private interface Stat<T> {
        T read() throws IOException, Unparsable;
    }

    /** The file's text; every failure names the file (a bare read error from the JDK would not). */
    private String read(String file) throws IOException {
        Path path = dir.resolve(file);
        try {
            return fs.read(path);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            FileSystemException named = new FileSystemException(path.toString(), null, e.getMessage());
            named.initCause(e);
            throw named;
        }
    }

    private static boolean notSupported(IOException e) {
        return IoMessages.reason(e).equals("operation not supported");
    }

    private List<String> lines(String file) throws IOException {
        String text = read(file);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** A one-value file; "max" is {@link CgroupStats#UNLIMITED}. */
    private long uint(String file) throws IOException, Unparsable {
        String value = read(file).strip();
        return value.equals("max") ? CgroupStats.UNLIMITED : parseUint(file, value);
    }

    /** The value of the "KEY value" line of a flat-keyed file; 0 when there is no such line. */
    private long valueByKey(String file, String key) throws IOException, Unparsable {
        for (String line : lines(file)) {
            if (line.startsWith(key + " ")) {
                return parseUint(file, line.substring(key.length() + 1));
            }
        }
        return 0;
    }

    private record KeyValue(String key, long value) {
    }

    private KeyValue keyValue(String file, String line) throws Unparsable {
        int space = line.indexOf(' ');
        if (space <= 0 || space == line.length() - 1) {
            throw unparsable(file, "line \"" + line + "\" is not in \"key value\" format");
        }
        return new KeyValue(line.substring(0, space), parseUint(file, line.substring(space + 1)));
    }

    /** An unsigned decimal; a negative one reads as 0, as runc's ParseUint has it. */
    private long parseUint(String file, String value) throws Unparsable {
        if (isDigits(value)) {
            return unsigned(file, value);
        }
        if (value.length() > 1 && value.charAt(0) == '-' && isDigits(value.substring(1))) {
            return 0;
        }
        throw unparsable(file, syntax(value));
    }

    private long unsigned(String file, String digits) throws Unparsable {
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw unparsable(file, "strconv.ParseUint: parsing \"" + digits + "\": value out of range");
        }
    }

    private double decimal(String file, String key, String value) throws Unparsable {
        // Only what the kernel writes ("12.34"): Double.parseDouble would also take "1f" or "NaN".
        if (!value.matches("[0-9]+(\\.[0-9]+)?")) {
            throw unparsable(file, "invalid " + key + " PSI value: strconv.ParseFloat: parsing \"" + value
                    + "\": invalid syntax");
        }
        return Double.parseDouble(value);
    }

    private static String syntax(String value) {
        return "strconv.ParseUint: parsing \"" + value + "\": invalid syntax";
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private String openFailure(IOException e) {
        Object file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : dir;
        return IoMessages.describe("open", file, e);
    }

    private Unparsable unparsable(String file, String detail) {
        return new Unparsable("unable to parse " + dir.resolve(file) + ": " + detail);
    }

    /** A file that exists but does not hold what the kernel writes there. */
    private static final class Unparsable extends Exception {
        private static final long serialVersionUID = 1L;

        Unparsable(String message) {
            super(message, null, false, false);
        }
    }
}

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * bench/run's report: reads the raw samples (one line per timed process) and the run's
 * metadata, prints the table, and writes the JSON result and the PNG plot. Run with the source
 * launcher: {@code java BenchReport.java --raw F --meta F --json F [--png F]}.
 */
public final class BenchReport {
    static final List<String> OP_ORDER = List.of(
            "cycle", "create", "start", "wait", "delete", "run", "exec", "state", "version", "state-missing");
    /** The targets, as the largest acceptable jrunc/runc ratio of medians. */
    static final Map<String, Double> TARGETS = Map.of("cycle", 3.0, "run", 2.0, "exec", 2.0, "state", 2.0);
    static final String BASELINE = "runc";

    record Sample(String phase, int round, String runtime, String op, long wallUs, long rssKib, long cpuUs, int rc) {
    }

    record Stats(int n, int failed, double median, double min, double max, double rssMedianKib, double rssMaxKib,
                 double cpuMedian, List<Double> samplesMs) {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        List<Sample> samples = readRaw(Path.of(opts.get("--raw")));
        List<String[]> meta = readMeta(Path.of(opts.get("--meta")));

        List<String> runtimes = List.of(metaValue(meta, "runtimes", "").split(" "));
        List<String> ops = new ArrayList<>();
        for (String op : OP_ORDER) {
            if (samples.stream().anyMatch(s -> s.op().equals(op))) {
                ops.add(op);
            }
        }
        Map<String, Map<String, Stats>> results = new LinkedHashMap<>();
        for (String op : ops) {
            Map<String, Stats> byRuntime = new LinkedHashMap<>();
            for (String rt : runtimes) {
                Stats st = stats(samples, rt, op);
                if (st != null) {
                    byRuntime.put(rt, st);
                }
            }
            results.put(op, byRuntime);
        }

        String table = table(meta, ops, runtimes, results);
        System.out.print(table);
        String json = json(meta, ops, runtimes, results);
        Path jsonFile = Path.of(opts.get("--json"));
        Files.writeString(jsonFile, json, StandardCharsets.UTF_8);
        System.out.println("written: " + jsonFile);
        if (opts.containsKey("--png")) {
            Path png = Path.of(opts.get("--png"));
            plot(meta, ops, runtimes, results, png);
            System.out.println("written: " + png);
        }
    }

    // --- input ------------------------------------------------------------------------------

    static List<Sample> readRaw(Path file) throws IOException {
        List<Sample> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(new Sample(f[0], Integer.parseInt(f[1]), f[2], f[3], Long.parseLong(f[4]),
                    parseLong(f[5]), parseLong(f[6]), Integer.parseInt(f[7])));
        }
        return out;
    }

    static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<String[]> readMeta(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    static String metaValue(List<String[]> meta, String key, String fallback) {
        for (String[] m : meta) {
            if (m[0].equals(key)) {
                return m.length > 1 ? m[1] : "";
            }
        }
        return fallback;
    }

    // --- statistics -------------------------------------------------------------------------

    /** Wall and CPU time from the timed rounds, peak RSS from the RSS rounds (run under /usr/bin/time). */
    static Stats stats(List<Sample> samples, String rt, String op) {
        List<Double> wall = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        int failed = 0;
        for (Sample s : samples) {
            if (!s.runtime().equals(rt) || !s.op().equals(op)) {
                continue;
            }
            if (s.phase().equals("measure")) {
                if (s.rc() != 0) {
                    failed++;
                    continue;
                }
                wall.add(s.wallUs() / 1000.0);
                if (!op.equals("wait")) {
                    cpu.add(s.cpuUs() / 1000.0);
                }
            } else if (s.phase().equals("rss") && s.rc() == 0 && s.rssKib() > 0) {
                rss.add((double) s.rssKib());
            }
        }
        if (wall.isEmpty() && failed == 0) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(wall);
        sorted.sort(null);
        return new Stats(wall.size(), failed, median(wall), sorted.isEmpty() ? Double.NaN : sorted.getFirst(),
                sorted.isEmpty() ? Double.NaN : sorted.getLast(), median(rss),
                rss.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), median(cpu), wall);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static double ratio(Map<String, Map<String, Stats>> results, String op, String rt) {
        Stats a = results.get(op).get(rt);
        Stats b = results.get(op).get(BASELINE);
        if (a == null || b == null || !(b.median() > 0)) {
            return Double.NaN;
        }
        return a.median() / b.median();
    }

    // --- table ------------------------------------------------------------------------------

    static String table(List<String[]> meta, List<String> ops, List<String> runtimes,
                        Map<String, Map<String, Stats>> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s timed rounds after %s warm-up rounds; %s; load before: %s%n",
                metaValue(meta, "rounds", "?"), metaValue(meta, "warmup", "?"), metaValue(meta, "host", "?"),
                metaValue(meta, "load", "?")));
        for (String[] m : meta) {
            if (m[0].startsWith("runtime.")) {
                sb.append(String.format(Locale.ROOT, "  %-8s %s (%s)%n", m[0].substring(8), m.length > 2 ? m[2] : "",
                        m[1]));
            }
        }
        for (String[] m : meta) {
            if (m[0].startsWith("jvm.")) {
                sb.append(String.format(Locale.ROOT, "  %s JVM flags: %s; AOT cache %s%n", m[0].substring(4),
                        m.length > 1 ? m[1] : "", m.length > 2 ? m[2] : "?"));
            }
        }
        for (String[] m : meta) {
            if (m[0].equals("note")) {
                sb.append("  note: ").append(m[1]).append('\n');
            }
        }
        sb.append(String.format(Locale.ROOT, "  starting any process here (fork+exec of /bin/true): %.2f ms",
                Double.parseDouble(metaValue(meta, "spawn_true_us", "0")) / 1000));
        String nsenter = metaValue(meta, "spawn_nsenter_true_us", null);
        if (nsenter != null) {
            sb.append(String.format(Locale.ROOT, "; through nsenter (as crun is started): %.2f ms",
                    Double.parseDouble(nsenter) / 1000));
        }
        sb.append(String.format(Locale.ROOT, "%n  peak RSS from %s separate rounds under /usr/bin/time",
                metaValue(meta, "rss_rounds", "?")));
        sb.append("\n\n");
        sb.append(String.format(Locale.ROOT, "%-14s %-16s %9s %9s %9s %10s %8s %4s%n",
                "operation", "runtime", "median", "min", "max", "peak RSS", "cpu", "n"));
        sb.append(String.format(Locale.ROOT, "%-14s %-16s %9s %9s %9s %10s %8s %4s%n",
                "", "", "ms", "ms", "ms", "MiB", "ms", ""));
        for (String op : ops) {
            for (String rt : runtimes) {
                Stats st = results.get(op).get(rt);
                if (st == null) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "%-14s %-16s %9s %9s %9s %10s %8s %4d%s%n", op, rt,
                        ms(st.median()), ms(st.min()), ms(st.max()), mib(st.rssMedianKib()),
                        Double.isNaN(st.cpuMedian()) ? "-" : ms(st.cpuMedian()),
                        st.n(), st.failed() > 0 ? "  (" + st.failed() + " failed)" : ""));
            }
        }
        sb.append('\n');
        List<String> others = runtimes.stream().filter(r -> !r.equals(BASELINE)).toList();
        if (runtimes.contains(BASELINE) && !others.isEmpty()) {
            int width = 12;
            for (String rt : others) {
                width = Math.max(width, rt.length() + BASELINE.length() + 1);
            }
            String cell = " %" + width + "s";
            sb.append(String.format(Locale.ROOT, "%-16s", "ratio of medians"));
            for (String rt : others) {
                sb.append(String.format(Locale.ROOT, cell, rt + "/" + BASELINE));
            }
            sb.append(String.format(Locale.ROOT, " %8s%n", "target"));
            for (String op : ops) {
                sb.append(String.format(Locale.ROOT, "%-16s", op));
                for (String rt : others) {
                    double r = ratio(results, op, rt);
                    sb.append(String.format(Locale.ROOT, cell, Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.1fx", r)));
                }
                Double target = TARGETS.get(op);
                sb.append(String.format(Locale.ROOT, " %8s%n", target == null ? "" : String.format(Locale.ROOT, "<= %.0fx", target)));
            }
        }
        return sb.toString();
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v);
    }

    static String mib(double kib) {
        return Double.isNaN(kib) || kib == 0 ? "-" : String.format(Locale.ROOT, "%.1f", kib / 1024);
    }

    // --- JSON -------------------------------------------------------------------------------

    static String json(List<String[]> meta, List<String> ops, List<String> runtimes,
                       Map<String, Map<String, Stats>> results) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"timestamp\": ").append(q(metaValue(meta, "timestamp", ""))).append(",\n");
        sb.append("  \"host\": ").append(q(metaValue(meta, "host", ""))).append(",\n");
        sb.append("  \"load_before\": ").append(q(metaValue(meta, "load", ""))).append(",\n");
        sb.append("  \"rounds\": ").append(metaValue(meta, "rounds", "0")).append(",\n");
        sb.append("  \"warmup\": ").append(metaValue(meta, "warmup", "0")).append(",\n");
        sb.append("  \"bundle\": ").append(q(metaValue(meta, "bundle", ""))).append(",\n");
        sb.append("  \"rss_rounds\": ").append(metaValue(meta, "rss_rounds", "0")).append(",\n");
        sb.append("  \"spawn_true_ms\": ").append(num(Double.parseDouble(metaValue(meta, "spawn_true_us", "0")) / 1000)).append(",\n");
        String nsenter = metaValue(meta, "spawn_nsenter_true_us", null);
        if (nsenter != null) {
            sb.append("  \"spawn_nsenter_true_ms\": ").append(num(Double.parseDouble(nsenter) / 1000)).append(",\n");
        }
        sb.append("  \"runtimes\": {");
        String sep = "\n";
        for (String[] m : meta) {
            if (m[0].startsWith("runtime.")) {
                String rt = m[0].substring(8);
                sb.append(sep).append("    ").append(q(rt)).append(": {\"path\": ").append(q(m[1]))
                        .append(", \"version\": ").append(q(m.length > 2 ? m[2] : ""));
                for (String[] j : meta) {
                    if (j[0].equals("jvm." + rt)) {
                        sb.append(", \"jvm_flags\": ").append(q(j.length > 1 ? j[1] : ""))
                                .append(", \"aot_cache\": ").append(q(j.length > 2 ? j[2] : ""));
                    }
                }
                sb.append('}');
                sep = ",\n";
            }
        }
        sb.append("\n  },\n  \"notes\": [");
        sep = "\n";
        for (String[] m : meta) {
            if (m[0].equals("note")) {
                sb.append(sep).append("    ").append(q(m[1]));
                sep = ",\n";
            }
        }
        sb.append("\n  ],\n");
        sb.append("  \"units\": {\"time\": \"ms (wall, whole process)\", \"rss\": \"KiB (peak, /usr/bin/time %M, separate rounds)\", \"cpu\": \"ms (user+system of the process and the children it waited for, from bash times)\"},\n");
        sb.append("  \"results\": {");
        sep = "\n";
        for (String op : ops) {
            sb.append(sep).append("    ").append(q(op)).append(": {");
            String sep2 = "\n";
            for (Map.Entry<String, Stats> e : results.get(op).entrySet()) {
                Stats st = e.getValue();
                sb.append(sep2).append("      ").append(q(e.getKey())).append(": {")
                        .append("\"n\": ").append(st.n())
                        .append(", \"failed\": ").append(st.failed())
                        .append(", \"median_ms\": ").append(num(st.median()))
                        .append(", \"min_ms\": ").append(num(st.min()))
                        .append(", \"max_ms\": ").append(num(st.max()))
                        .append(", \"peak_rss_kib_median\": ").append(num(st.rssMedianKib()))
                        .append(", \"peak_rss_kib_max\": ").append(num(st.rssMaxKib()))
                        .append(", \"cpu_ms_median\": ").append(num(st.cpuMedian()))
                        .append(", \"samples_ms\": [");
                for (int i = 0; i < st.samplesMs().size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(num(st.samplesMs().get(i)));
                }
                sb.append("]}");
                sep2 = ",\n";
            }
            sb.append("\n    }");
            sep = ",\n";
        }
        sb.append("\n  },\n  \"ratios_vs_runc\": {");
        sep = "\n";
        for (String rt : runtimes) {
            if (rt.equals(BASELINE) || !runtimes.contains(BASELINE)) {
                continue;
            }
            sb.append(sep).append("    ").append(q(rt)).append(": {");
            String sep2 = "";
            for (String op : ops) {
                sb.append(sep2).append(q(op)).append(": ").append(num(ratio(results, op, rt)));
                sep2 = ", ";
            }
            sb.append('}');
            sep = ",\n";
        }
        sb.append("\n  },\n  \"targets_vs_runc\": {\"cycle\": 3, \"run\": 2, \"exec\": 2, \"state\": 2}\n}\n");
        return sb.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    // --- plot -------------------------------------------------------------------------------

    static final Color[] PALETTE = {
            new Color(0xE0, 0x7A, 0x1F), new Color(0x2F, 0x6F, 0xB5), new Color(0x3A, 0x9A, 0x4F),
            new Color(0x8E, 0x4F, 0xB0), new Color(0xC0, 0x39, 0x2B), new Color(0x7F, 0x7F, 0x7F)};

    static Color color(int i) {
        return i < PALETTE.length ? PALETTE[i]
                : Color.getHSBColor((float) ((i - PALETTE.length) * 0.618034 % 1.0), 0.55f, 0.85f);
    }

    static void plot(List<String[]> meta, List<String> ops, List<String> runtimes,
                     Map<String, Map<String, Stats>> results, Path file) throws IOException {
        int width = 1400;
        int height = 900;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("Median wall time per operation (whole process), log scale", 70, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(metaValue(meta, "timestamp", "") + "  " + metaValue(meta, "host", "") + "  "
                + metaValue(meta, "rounds", "?") + " timed rounds after " + metaValue(meta, "warmup", "?")
                + " warm-up rounds", 70, 52);

        // Legend, left to right, wrapping.
        int lx = 70;
        int ly = 72;
        for (int i = 0; i < runtimes.size(); i++) {
            String label = runtimes.get(i);
            int w = g.getFontMetrics().stringWidth(label) + 36;
            if (lx + w > width - 30) {
                lx = 70;
                ly += 20;
            }
            g.setColor(color(i));
            g.fillRect(lx, ly - 12, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(label, lx + 18, ly);
            lx += w;
        }

        // Top panel: latency, log scale.
        List<String> timeOps = ops;
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (String op : timeOps) {
            for (Stats st : results.get(op).values()) {
                if (st.median() > 0) {
                    lo = Math.min(lo, st.median());
                    hi = Math.max(hi, st.median());
                }
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        int decLo = (int) Math.floor(Math.log10(lo));
        int decHi = (int) Math.ceil(Math.log10(hi * 1.25));
        if (decHi <= decLo) {
            decHi = decLo + 1;
        }
        int left = 90;
        int right = width - 30;
        int top1 = ly + 28;
        int bottom1 = 520;
        final int fDecLo = decLo;
        final int fDecHi = decHi;
        java.util.function.DoubleToIntFunction yLog = v -> (int) Math.round(
                bottom1 - (Math.log10(v) - fDecLo) / (fDecHi - fDecLo) * (bottom1 - top1));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int d = decLo; d <= decHi; d++) {
            for (int k = 1; k <= 9; k++) {
                double v = k * Math.pow(10, d);
                if (Math.log10(v) > decHi + 1e-9) {
                    break;
                }
                int y = yLog.applyAsInt(v);
                g.setColor(k == 1 ? new Color(0xBB, 0xBB, 0xBB) : new Color(0xEE, 0xEE, 0xEE));
                g.drawLine(left, y, right, y);
                if (k == 1) {
                    g.setColor(Color.DARK_GRAY);
                    String label = d >= 0 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%s ms", trim(v));
                    g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
                }
            }
        }
        bars(g, timeOps, runtimes, results, left, right, bottom1, true, yLog, null);

        // Bottom panel: peak RSS, linear.
        int top2 = 600;
        int bottom2 = height - 50;
        List<String> rssOps = ops.stream().filter(op -> !op.equals("wait")).toList();
        double maxRss = 0;
        for (String op : rssOps) {
            for (Stats st : results.get(op).values()) {
                if (st.rssMedianKib() > 0) {
                    maxRss = Math.max(maxRss, st.rssMedianKib() / 1024);
                }
            }
        }
        double step = maxRss > 200 ? 50 : maxRss > 80 ? 20 : maxRss > 40 ? 10 : 5;
        double axisMax = Math.max(step, Math.ceil(maxRss * 1.15 / step) * step);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("Median peak RSS of the runtime process (MiB)", 70, top2 - 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        final double fAxisMax = axisMax;
        java.util.function.DoubleToIntFunction yLin = v -> (int) Math.round(bottom2 - v / fAxisMax * (bottom2 - top2));
        for (double v = 0; v <= axisMax + 1e-9; v += step) {
            int y = yLin.applyAsInt(v);
            g.setColor(new Color(0xDD, 0xDD, 0xDD));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%.0f", v);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        bars(g, rssOps, runtimes, results, left, right, bottom2, false, null, yLin);

        g.dispose();
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new UncheckedIOException(new IOException("no PNG writer"));
        }
    }

    static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static void bars(Graphics2D g, List<String> ops, List<String> runtimes, Map<String, Map<String, Stats>> results,
                     int left, int right, int bottom, boolean time, java.util.function.DoubleToIntFunction yLog,
                     java.util.function.DoubleToIntFunction yLin) {
        int groups = ops.size();
        double groupWidth = (right - left) / (double) groups;
        double barWidth = Math.min(48, groupWidth * 0.8 / Math.max(1, runtimes.size()));
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(left, bottom, right, bottom);
        Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, barWidth < 34 ? 9 : 11);
        Font opFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        for (int gi = 0; gi < groups; gi++) {
            String op = ops.get(gi);
            double gx = left + gi * groupWidth + (groupWidth - barWidth * runtimes.size()) / 2;
            for (int ri = 0; ri < runtimes.size(); ri++) {
                Stats st = results.get(op).get(runtimes.get(ri));
                if (st == null) {
                    continue;
                }
                double v = time ? st.median() : st.rssMedianKib() / 1024;
                if (!(v > 0)) {
                    continue;
                }
                int x = (int) Math.round(gx + ri * barWidth);
                int y = time ? yLog.applyAsInt(v) : yLin.applyAsInt(v);
                int w = (int) Math.round(barWidth) - 3;
                g.setColor(color(ri));
                g.fillRect(x, y, w, bottom - y);
                g.setColor(Color.BLACK);
                g.setFont(valueFont);
                String label = time ? ms(v) : String.format(Locale.ROOT, "%.0f", v);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(label, x + (w - fm.stringWidth(label)) / 2, y - 4);
            }
            g.setFont(opFont);
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(op, (int) Math.round(left + gi * groupWidth + (groupWidth - fm.stringWidth(op)) / 2), bottom + 18);
        }
    }
}

package com.che168sync.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wrk}, the C HTTP load generator: N keep-alive connections on a few threads, each sending the next request as
 * soon as the answer is read (like pgbench's clients do with SQL). What each connection sends comes from a Lua
 * script this class writes: one fixed request, a weighted mix read from a file, or requests that are all distinct.
 */
final class Wrk {
    static final String INSTALL_HINT = "wrk not found: install it (Debian/Ubuntu: apt-get install wrk; macOS: brew "
            + "install wrk) or pass --wrk PATH";

    /** Reports what wrk measured in one line the bench parses (latencies in microseconds). */
    private static final String DONE = """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("BENCH requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d max_us=%d\\n",
                summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
                latency:percentile(50), latency:percentile(99), latency.max))
            end
            """;
    /** Numbers wrk's threads 0, 1, … (global {@code tid} in each thread's Lua state). */
    private static final String THREAD_IDS = """
            local threads = 0
            function setup(thread)
              thread:set("tid", threads)
              threads = threads + 1
            end
            """;
    private static final Pattern RESULT = Pattern.compile("BENCH requests=(\\d+) duration_us=(\\d+) errors=(\\d+) "
            + "p50_us=(\\d+) p99_us=(\\d+) max_us=(\\d+)");

    private final Path binary;
    private final Path workDir;

    Wrk(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** What one wrk run measured. */
    record Result(long requests, long errors, double seconds, double p50Millis, double p99Millis, double maxMillis) {
        double perSecond() {
            return requests / seconds;
        }
    }

    /** The given wrk, else wrk on {@code path} (the PATH variable), else {@link #INSTALL_HINT}. */
    static Path find(Path given, String path) {
        if (given != null) {
            if (!Files.isExecutable(given)) {
                throw new IllegalArgumentException("--wrk " + given + " is not an executable file");
            }
            return given;
        }
        return onPath("wrk", path).orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
    }

    /** An executable of that name in a directory of {@code path} (the PATH variable). */
    static java.util.Optional<Path> onPath(String name, String path) {
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    /** The same request again and again. */
    static String fixed(String path) {
        return "wrk.path = \"" + lua(path) + "\"\n" + DONE;
    }

    /**
     * Requests drawn from {@code mixFile} (lines {@code weight<TAB>path}) with those weights; each thread has its own
     * seeded generator, so a run replays the same sequence.
     */
    static String weighted(Path mixFile, long seed) {
        return THREAD_IDS + """
                local requests, cumulative, total = {}, {}, 0
                function init(args)
                  for line in io.lines("%s") do
                    local weight, path = line:match("^(%%d+)\\t([^\\t]+)")
                    if weight then
                      total = total + tonumber(weight)
                      cumulative[#cumulative + 1] = total
                      requests[#requests + 1] = wrk.format("GET", path)
                    end
                  end
                  math.randomseed(%d + tid)
                end
                function request()
                  local r = math.random() * total
                  local lo, hi = 1, #cumulative
                  while lo < hi do
                    local mid = math.floor((lo + hi) / 2)
                    if cumulative[mid] < r then lo = mid + 1 else hi = mid end
                  end
                  return requests[lo]
                end
                """.formatted(lua(mixFile.toAbsolutePath().toString()), seed) + DONE;
    }

    /**
     * Every request distinct: {@code prefix + value + suffix}, the values {@code low + (k × 7919 mod span)} for k =
     * {@code base}, {@code base + 1}, … across threads (7919 is prime to any span of the form 2^a·3^b·5^c, so no
     * value repeats within {@code span} requests, and they spread over the whole range).
     */
    static String distinct(String prefix, String suffix, long low, long span, long base, int threads) {
        return THREAD_IDS + """
                local k
                function init(args)
                  k = %d + tid
                end
                function request()
                  local value = %d + (k * 7919) %% %d
                  k = k + %d
                  return wrk.format("GET", "%s" .. string.format("%%d", value) .. "%s")
                end
                """.formatted(base, low, span, threads, lua(prefix), lua(suffix)) + DONE;
    }

    Result run(String script, String baseUrl, List<String> headers, int connections, int threads, int seconds)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile(workDir, "wrk", ".lua");
        Files.writeString(file, script);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-t", Integer.toString(threads), "-c",
                Integer.toString(connections), "-d", seconds + "s", "--timeout", "10s", "-s", file.toString()));
        for (String h : headers) {
            command.add("-H");
            command.add(h);
        }
        command.add(baseUrl);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Matcher m = RESULT.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("wrk failed (exit " + exit + "): " + output.strip());
        }
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(3)), Long.parseLong(m.group(2)) / 1e6,
                Long.parseLong(m.group(4)) / 1e3, Long.parseLong(m.group(5)) / 1e3, Long.parseLong(m.group(6)) / 1e3);
    }

    private static String lua(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wrk at %s", binary);
    }
}

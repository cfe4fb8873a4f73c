package com.che168sync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.bootstrap.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of {@code bench api} that can be checked without a server: tools, the mix's weights, the report. */
class ApiBenchTest {
    @TempDir
    Path dir;

    @Test
    void aMissingWrkIsNamedWithHowToInstallIt() {
        assertThatThrownBy(() -> Wrk.find(null, dir.toString())).hasMessageContaining("wrk not found")
                .hasMessageContaining("apt-get install wrk").hasMessageContaining("--wrk");
    }

    @Test
    void aWrongWrkPathRefusesTheBenchBeforeItTouchesAnything() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"bench", "api", "--wrk", dir.resolve("no-wrk").toString()},
                Map.of("LOG_DIR", dir.resolve("logs").toString()), dir, new PrintWriter(out, true),
                new PrintWriter(err, true), List.of(new BenchCommand()));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--wrk").contains("no-wrk").contains("not an executable file");
    }

    @Test
    void pgbenchGetsOneScriptPerSearchAndOneForAllDetailsWithTheMixWeights() {
        List<ApiMix.Item> mix = List.of(new ApiMix.Item("/offers?mark=A", 100, "SELECT 'a';\n", null),
                new ApiMix.Item("/offers/11", 50, null, "11"),
                new ApiMix.Item("/offers?mark=B", 33, "SELECT 'b';\n", null),
                new ApiMix.Item("/offers/22", 25, null, "22"));
        List<Pgbench.Script> scripts = ApiMix.pgbenchScripts(mix, "SELECT :inner_id");
        assertThat(scripts).extracting(Pgbench.Script::weight).containsExactly(100L, 33L, 75L);
        assertThat(scripts.get(0).sql()).isEqualTo("SELECT 'a';\n");
        assertThat(scripts.get(2).sql()).isEqualTo("\\set r random(1, 75)\n"
                + "\\set inner_id CASE WHEN :r <= 50 THEN 11 WHEN :r <= 75 THEN 22 ELSE 0 END\nSELECT :inner_id;\n");
    }

    @Test
    void theMixFileListsWeightAndPathMostPopularFirst() throws Exception {
        Path file = dir.resolve("mix.tsv");
        ApiMix.write(List.of(new ApiMix.Item("/offers/1", 1_000_000, null, "1"),
                new ApiMix.Item("/offers?mark=%E5%A4%A7", 500_000, "SELECT 1", null)), file);
        assertThat(Files.readAllLines(file)).containsExactly("1000000\t/offers/1", "500000\t/offers?mark=%E5%A4%A7");
    }

    @Test
    void theDistinctScriptsValuesNeverRepeatAcrossRunsAndThreads() {
        // the Lua of Wrk.distinct: value = low + (k * 7919) % span, k = base + tid, base + tid + threads, …
        long span = 600_000;
        Set<Long> seen = new HashSet<>();
        for (int run = 0; run < 10; run++) {
            for (long k = run * 60_000L; k < run * 60_000L + 60_000; k++) {
                assertThat(seen.add(200_000 + (k * 7919) % span)).isTrue();
            }
        }
        assertThat(Wrk.distinct("/offers?price_to=", "&limit=20", 200_000, span, 60_000, 2))
                .contains("k = 60000 + tid", "200000 + (k * 7919) % 600000", "k = k + 2");
    }

    @Test
    void theApiSectionReplacesItselfInThePerformanceFile() throws Exception {
        Path file = dir.resolve("PERFORMANCE.md");
        Files.writeString(file, "# Performance\n\n## Ingest\nkeep me\n");
        ApiBench.writeSection(file, ApiBench.START + "\nfirst\n" + ApiBench.END + "\n");
        ApiBench.writeSection(file, ApiBench.START + "\nsecond\n" + ApiBench.END + "\n");
        assertThat(Files.readString(file)).contains("keep me").contains("second").doesNotContain("first");
    }

    @Test
    void cpuIsReadFromProc() {
        ProcCpu.Reading r = ProcCpu.read(ProcessHandle.current().pid(), -1);
        assertThat(r.server()).isGreaterThan(0);
        assertThat(r.database()).isEqualTo(-1);
        assertThat(r.machineTotal()).isGreaterThanOrEqualTo(r.machineBusy()).isGreaterThan(0);
    }
}

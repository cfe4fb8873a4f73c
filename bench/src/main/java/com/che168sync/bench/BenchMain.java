package com.che168sync.bench;

import com.che168sync.bootstrap.Main;
import java.util.List;

/**
 * Entry point of {@code bench/target/che168-bench.jar}, which {@code ./che168} runs for {@code bench …}: the
 * product's command tree (settings, logging, exit codes as in {@link Main}) with the real {@link BenchCommand} in
 * place of the product's stub.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        Main.launch(args, List.of(new BenchCommand()));
    }
}

/**
 * The benchmarks behind {@code ./che168 bench ingest|normalize|api}: each runs the product against the sandbox or
 * synthetic rows on a database of its own and rewrites its section of docs/PERFORMANCE.md. Not part of the product
 * jar: {@code ./che168} runs this module's jar ({@link com.che168sync.bench.BenchMain}) for {@code bench} only.
 */
package com.che168sync.bench;

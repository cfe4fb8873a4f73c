/** The runnable product: {@link com.che168sync.bootstrap.Main}, the entry of {@code ./che168}; the only module that knows every other (docs/cli-and-wiring.md). */
package com.che168sync.bootstrap;

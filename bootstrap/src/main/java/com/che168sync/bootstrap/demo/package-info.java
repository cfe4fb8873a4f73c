/** What {@code ./che168 demo} keeps between its steps: its settings, its state and the stop signal. */
package com.che168sync.bootstrap.demo;

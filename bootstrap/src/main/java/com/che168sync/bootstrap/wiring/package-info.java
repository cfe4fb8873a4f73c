/** Dagger wiring: {@link com.che168sync.bootstrap.wiring.AppComponent} and one module per feature that creates the adapters and services from the settings. */
package com.che168sync.bootstrap.wiring;

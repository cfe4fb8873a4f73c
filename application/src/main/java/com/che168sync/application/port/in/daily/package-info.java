/** The {@code daily} use case: update, then normalize, under one lock (the cron entry point). */
package com.che168sync.application.port.in.daily;

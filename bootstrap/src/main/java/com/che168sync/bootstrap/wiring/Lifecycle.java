package com.che168sync.bootstrap.wiring;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resources the wiring opened (the database pool, the embedded PostgreSQL, servers): closed in reverse order when the
 * command ends. A {@code @Provides} method that opens something registers it here.
 */
public final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Closes {@code resource} at the end of the run, before anything registered earlier. */
    public synchronized <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not close {} cleanly: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}

package com.che168sync.adapter.http;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Answers kept in memory, keyed by the normalized request, valid for one data version: an entry of an older version
 * is never returned, and the first entry of a newer version drops all older ones. Bounded by the bytes it holds
 * (bodies, their gzip forms, keys, and a fixed overhead per entry): the least recently used entries go first, and a
 * body larger than an eighth of the bound is not kept.
 */
final class ResponseCache {
    /** Bytes counted per entry beyond its body and key: the map node, the entry, the arrays' headers. */
    static final int ENTRY_OVERHEAD = 200;

    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long newestVersion = Long.MIN_VALUE;

    ResponseCache(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1");
        }
        this.maxBytes = maxBytes;
    }

    /** A kept answer: its body and, once asked for, its gzip form. */
    static final class Entry {
        final String key;
        final long version;
        final byte[] body;
        volatile byte[] gzip;

        Entry(String key, long version, byte[] body) {
            this.key = key;
            this.version = version;
            this.body = body;
        }

        long size() {
            byte[] g = gzip;
            return ENTRY_OVERHEAD + 2L * key.length() + body.length + (g == null ? 0 : g.length);
        }
    }

    /** The answer kept for this request at this version, or null. */
    Entry get(String key, long version) {
        lock.lock();
        try {
            Entry e = entries.get(key);
            return e != null && e.version == version ? e : null;
        } finally {
            lock.unlock();
        }
    }

    /** Keeps an answer (unless its version is already outdated or it is too large); returns the entry to use. */
    Entry put(String key, long version, byte[] body) {
        Entry entry = new Entry(key, version, body);
        if (entry.size() > maxBytes / 8) {
            return entry;
        }
        lock.lock();
        try {
            if (version < newestVersion) {
                return entry;
            }
            if (version > newestVersion) {
                entries.clear();
                bytes = 0;
                newestVersion = version;
            }
            Entry old = entries.put(key, entry);
            if (old != null) {
                bytes -= old.size();
            }
            bytes += entry.size();
            evict();
            return entry;
        } finally {
            lock.unlock();
        }
    }

    /** Adds the gzip form to a kept entry (counted from then on). */
    void addGzip(Entry entry, byte[] gzip) {
        lock.lock();
        try {
            boolean kept = entries.get(entry.key) == entry;
            if (kept) {
                bytes -= entry.size();
            }
            entry.gzip = gzip;
            if (kept) {
                bytes += entry.size();
                evict();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Bytes held now (at most the bound). */
    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    private void evict() {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().getValue().size();
            it.remove();
        }
    }
}

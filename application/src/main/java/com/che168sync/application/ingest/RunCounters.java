package com.che168sync.application.ingest;

import com.che168sync.application.port.in.ingest.IngestStats;
import java.util.ArrayList;
import java.util.List;

/** The counts of one run, updated by the reading thread and the writer thread. */
final class RunCounters {
    private long pages;
    private long created;
    private long updated;
    private long unchanged;
    private long skipped;
    private long errors;
    private long days;
    private long records;
    private Integer lastPage;
    private Long lastChangeId;
    private final List<Integer> failedPages = new ArrayList<>();
    private final List<String> errorMessages = new ArrayList<>();

    synchronized void page(int page, long created, long updated, long unchanged, long skipped, long records) {
        pages++;
        this.created += created;
        this.updated += updated;
        this.unchanged += unchanged;
        this.skipped += skipped;
        this.records += records;
        if (page > 0) {
            lastPage = page;
        }
    }

    synchronized void changeApplied(long id) {
        lastChangeId = lastChangeId == null ? id : Math.max(lastChangeId, id);
    }

    synchronized void day() {
        days++;
    }

    synchronized void failedPage(int page) {
        failedPages.add(page);
    }

    synchronized void error(String message) {
        errors++;
        if (errorMessages.size() < 20) {
            errorMessages.add(message);
        }
    }

    synchronized long records() {
        return records;
    }

    synchronized long errors() {
        return errors;
    }

    synchronized List<String> errorMessages() {
        return List.copyOf(errorMessages);
    }

    synchronized IngestStats stats() {
        return new IngestStats(pages, created, updated, unchanged, skipped, errors, failedPages, days, lastPage,
                lastChangeId);
    }
}

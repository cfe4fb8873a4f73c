package com.che168sync.application.port.out.normalize;

/**
 * Counts of one committed batch.
 *
 * @param created     processed_data rows inserted
 * @param updated     processed_data rows updated
 * @param deactivated rows written with {@code is_active = false} (their raw row is removed from the site)
 * @param changedMeanwhile raw rows changed after they were read: written, but left queued for the next run
 */
public record SaveOutcome(int created, int updated, int deactivated, int changedMeanwhile) {
    public static final SaveOutcome NONE = new SaveOutcome(0, 0, 0, 0);

    public SaveOutcome plus(SaveOutcome o) {
        return new SaveOutcome(created + o.created, updated + o.updated, deactivated + o.deactivated,
                changedMeanwhile + o.changedMeanwhile);
    }
}

package com.che168sync.application.port.out.ingest;

/**
 * A listing the update created from a change event's fields alone because {@code /offer} failed (not a 404): a later
 * run fetches {@code /offer} again and completes it ({@code incomplete_listings}).
 *
 * @param innerId  the listing
 * @param changeId the event it was created from
 * @param reason   why {@code /offer} could not give the full listing
 * @param attempts runs that tried so far
 */
public record IncompleteListing(String innerId, long changeId, String reason, int attempts) {
}

package com.che168sync.sandbox;

import java.util.Objects;

/**
 * One listing the site lists now, with its data ({@link Sandbox#siteTruth()}).
 *
 * @param innerId  the listing
 * @param dataJson its data as the site holds it, compact JSON: compare it to the stored jsonb with jsonb equality
 */
public record SiteListing(String innerId, String dataJson) {
    public SiteListing {
        Objects.requireNonNull(innerId, "innerId");
        Objects.requireNonNull(dataJson, "dataJson");
    }

    /** One JSON line: {@code {"inner_id":…,"data":{…}}}. */
    public String toJsonLine() {
        return "{\"inner_id\":" + SandboxJson.write(innerId) + ",\"data\":" + dataJson + "}";
    }
}

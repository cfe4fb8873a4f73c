package com.che168sync.application.port.out.source;

import java.util.Objects;

/** What {@code /offer} says about one listing: still on the site, or gone. */
public sealed interface ListingCheck permits ListingCheck.Alive, ListingCheck.Gone {

    /** On the site; {@code dataJson} is its current {@code data} object as JSON text. */
    record Alive(String dataJson) implements ListingCheck {
        public Alive {
            Objects.requireNonNull(dataJson, "dataJson");
        }
    }

    /** Gone: {@code reason} says how the source said so ({@code 404}, {@code change_type removed}). */
    record Gone(String reason) implements ListingCheck {
    }
}

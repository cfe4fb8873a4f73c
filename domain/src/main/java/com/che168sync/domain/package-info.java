/**
 * The rules of the mirror in pure Java (no dependency, embeddable by other teams: docs/embedding.md): {@code offer}
 * (the raw listing, the merge of a changed event, the change-type rules and a batch of events), {@code normalize}
 * (raw listing to typed listing, the label dictionaries) and {@code json} (JSON text to plain Java values).
 */
package com.che168sync.domain;

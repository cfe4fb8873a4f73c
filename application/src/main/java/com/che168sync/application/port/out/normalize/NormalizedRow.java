package com.che168sync.application.port.out.normalize;

import com.che168sync.domain.normalize.Normalization;

/**
 * What to write for one raw row: its typed form and the raw row's identity.
 *
 * @param raw           the raw row it was made from
 * @param normalization the domain's result
 */
public record NormalizedRow(RawListing raw, Normalization normalization) {
}

/**
 * Normalization of che168 listings (docs/rules.md#normalization): {@link com.che168sync.domain.normalize.Normalizer#normalize}
 * turns a listing's raw JSON into a typed {@link com.che168sync.domain.normalize.NormalizedListing} plus
 * {@link com.che168sync.domain.normalize.QualityNote}s. Labels become stable codes through the
 * {@link com.che168sync.domain.normalize.CodeDictionary} data files ({@code *.dict} beside these classes);
 * see docs/normalization.md for the rules and how to grow the dictionaries.
 */
package com.che168sync.domain.normalize;

/** processed_data and the normalizer's queue in raw_data: {@link com.che168sync.adapter.postgres.normalize.PostgresNormalizationRepository}. */
package com.che168sync.adapter.postgres.normalize;

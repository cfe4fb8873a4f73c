/** The normalization use case (SPEC §3.4): {@link com.che168sync.application.normalize.NormalizeService}. */
package com.che168sync.application.normalize;

/** The normalization use case (docs/rules.md#normalization): {@link com.che168sync.application.normalize.NormalizeService}. */
package com.che168sync.application.normalize;

/** Inbound port of normalization: {@link com.che168sync.application.port.in.normalize.NormalizeUseCase}. */
package com.che168sync.application.port.in.normalize;

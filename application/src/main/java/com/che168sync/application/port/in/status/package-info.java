/** Inbound port of {@code ./che168 status}: {@link com.che168sync.application.port.in.status.ShowStatusUseCase} and its report. */
package com.che168sync.application.port.in.status;

/** Outbound port of the status report. */
package com.che168sync.application.port.out.status;

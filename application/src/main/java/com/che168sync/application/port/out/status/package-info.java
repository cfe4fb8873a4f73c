/** Outbound port of the status report: table counts, sync state and load checkpoint as the database holds them. */
package com.che168sync.application.port.out.status;

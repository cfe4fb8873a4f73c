/** Inbound ports of the ingest jobs: the initial load ({@code load}) and the daily update ({@code update}). */
package com.che168sync.application.port.in.ingest;

/** The operator's view of the mirror: counts, sync state, load checkpoint, recent runs (SPEC §4 statistics). */
package com.che168sync.application.status;

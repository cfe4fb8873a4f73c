/**
 * Outbound ports of the public API, implemented by {@code adapter-postgres}: the listing search with its criteria,
 * sort and keyset ({@link com.che168sync.application.port.out.api.SearchOffersPort}), one stored listing, filter
 * values, statistics, health facts and the tokens as the authenticator reads them. Stored documents travel as
 * {@link com.che168sync.application.port.out.api.RawJson}, never parsed on the way to the client.
 */
package com.che168sync.application.port.out.api;

/**
 * The public API's services (docs/rules.md#public-api): searching active listings with filters, sort and keyset
 * pagination ({@link com.che168sync.application.api.SearchOffersService}, cursors by {@link
 * com.che168sync.application.api.OfferCursorCodec}), one listing, filter values, statistics and health, token
 * authentication and the rate limits (per token, and per address for requests without a valid token). They
 * implement {@code port.in.api} with {@code port.out.api}. No framework here: time comes from an injected {@link
 * java.time.Clock}.
 */
package com.che168sync.application.api;

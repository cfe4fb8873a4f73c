/**
 * Inbound ports of the public API, called by {@code adapter-http-api}: searching listings ({@link
 * com.che168sync.application.port.in.api.SearchOffersUseCase} with its query and {@link
 * com.che168sync.application.port.in.api.OfferFilter}), one listing, filter values, statistics and health, token
 * authentication; {@link com.che168sync.application.port.in.api.InvalidQueryException} names a bad parameter (400).
 */
package com.che168sync.application.port.in.api;

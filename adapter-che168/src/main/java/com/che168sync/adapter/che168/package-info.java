/**
 * The client of the source feed (auto-api.com v2, che168) over OkHttp and Jackson: {@link
 * com.che168sync.adapter.che168.Che168Source} implements the {@code port.out.source} ports (offers pages, the
 * change feed, one listing, filters), reads the feed's quirks tolerantly ({@code FeedReader}, {@code FeedValues}),
 * maps failures to the ports' typed exceptions and never logs a secret ({@code Redactor}). docs/source-client.md.
 */
package com.che168sync.adapter.che168;

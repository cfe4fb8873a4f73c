/**
 * Inbound port of the token commands ({@code init}, {@code tokens create|list|revoke|describe}): {@link
 * com.che168sync.application.port.in.tokens.ManageTokensUseCase}, its commands, token references (id or token) and
 * results.
 */
package com.che168sync.application.port.in.tokens;

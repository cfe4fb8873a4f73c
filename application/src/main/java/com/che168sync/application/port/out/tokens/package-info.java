/** Outbound port of the token use cases: the api_tokens table. */
package com.che168sync.application.port.out.tokens;

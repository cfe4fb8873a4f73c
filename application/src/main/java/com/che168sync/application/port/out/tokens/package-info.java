/** Outbound port of the token use cases (the api_tokens table), the stored token and the token format rule. */
package com.che168sync.application.port.out.tokens;

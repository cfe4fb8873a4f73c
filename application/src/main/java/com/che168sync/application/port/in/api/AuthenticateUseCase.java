package com.che168sync.application.port.in.api;

/** Checks the token of an API request. */
public interface AuthenticateUseCase {
    /**
     * @param presentedToken the token from the request headers, null when none was sent
     * @return authenticated (and its use recorded for {@code last_used_at}) or rejected with the reason
     */
    Authentication authenticate(String presentedToken);
}

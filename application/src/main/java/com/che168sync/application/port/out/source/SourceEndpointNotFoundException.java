package com.che168sync.application.port.out.source;

/**
 * A 404 on an endpoint that always exists ({@code /offers}, {@code /changes}, {@code /change_id}, {@code /filters}):
 * the base URL is wrong (a typo in {@code CHE168_BASE_URL} or {@code CHE168_ACCESS_NAME}). Final: retrying it for
 * hours would only delay the operator's fix; nothing is lost, the next run resumes where this one stopped. (A 404
 * from {@code /offer?inner_id=} is an answer, "no such listing", not this.)
 */
public final class SourceEndpointNotFoundException extends SourceException {
    private static final long serialVersionUID = 1L;

    public SourceEndpointNotFoundException(String message) {
        super(message, null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}

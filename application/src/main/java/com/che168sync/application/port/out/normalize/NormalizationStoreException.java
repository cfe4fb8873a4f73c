package com.che168sync.application.port.out.normalize;

/** Writing a batch failed; nothing of the batch was committed. The message names the cause (no SQL values). */
public class NormalizationStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NormalizationStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

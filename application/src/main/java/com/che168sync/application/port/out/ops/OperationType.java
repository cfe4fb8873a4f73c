package com.che168sync.application.port.out.ops;

/** The {@code operation_type} values of operations_log. */
public enum OperationType {
    INITIAL_LOAD("initial_load"),
    DATA_FETCH("data_fetch"),
    NORMALIZATION("normalization"),
    RECONCILE("reconcile");

    private final String dbValue;

    OperationType(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }
}

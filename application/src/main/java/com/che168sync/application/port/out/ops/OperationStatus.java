package com.che168sync.application.port.out.ops;

/** {@code RUNNING} while a run is under way (stays so if the process is killed), then {@code OK} or {@code ERROR}. */
public enum OperationStatus {
    RUNNING, OK, ERROR
}

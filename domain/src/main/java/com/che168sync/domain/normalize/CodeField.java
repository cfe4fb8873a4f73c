package com.che168sync.domain.normalize;

/** The listing fields whose labels are mapped to stable codes, each backed by a {@link CodeDictionary}. */
public enum CodeField {
    ENGINE_TYPE("engine_type"),
    TRANSMISSION_TYPE("transmission_type"),
    DRIVE_TYPE("drive_type"),
    BODY_TYPE("body_type"),
    COLOR("color");

    private final String fieldName;

    CodeField(String fieldName) {
        this.fieldName = fieldName;
    }

    /** The field's name in the listing JSON and in processed_data. */
    public String fieldName() {
        return fieldName;
    }
}

package com.che168sync.adapter.postgres.normalize;

import com.che168sync.application.port.out.normalize.NormalizedRow;
import com.che168sync.application.port.out.normalize.RecordFailure;
import com.che168sync.application.port.out.normalize.SaveNormalizedPort;
import com.che168sync.application.port.out.normalize.SaveOutcome;
import com.che168sync.application.port.out.normalize.UnmappedValue;
import java.util.List;

/** Delegates to the real repository; tests override a method to inject a crash or a concurrent change. */
class SaveNormalizedPortWrapper implements SaveNormalizedPort {
    private final SaveNormalizedPort delegate;

    SaveNormalizedPortWrapper(SaveNormalizedPort delegate) {
        this.delegate = delegate;
    }

    @Override
    public SaveOutcome save(List<NormalizedRow> rows) {
        return delegate.save(rows);
    }

    @Override
    public void recordFailures(List<RecordFailure> failures) {
        delegate.recordFailures(failures);
    }

    @Override
    public List<UnmappedValue> unmappedValues() {
        return delegate.unmappedValues();
    }
}

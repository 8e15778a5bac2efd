package io.portico.quota;

import java.io.Serial;
import java.io.Serializable;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * Runs one {@link Gcra} step inside the cache, atomically for its key. Public, top-level and serializable so that
 * a clustered cache can run it on the member that owns the key.
 */
public final class GcraProcessor implements EntryProcessor<String, Long, QuotaDecision>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long nowMicros;
    private final QuotaLimit limit;

    public GcraProcessor(long nowMicros, QuotaLimit limit) {
        this.nowMicros = nowMicros;
        this.limit = limit;
    }

    @Override
    public QuotaDecision process(MutableEntry<String, Long> entry, Object... arguments) {
        Gcra.Step step = Gcra.take(entry.exists() ? entry.getValue() : null, nowMicros, limit);
        if (step.decision().allowed()) {
            entry.setValue(step.tat());
        }
        return step.decision();
    }
}

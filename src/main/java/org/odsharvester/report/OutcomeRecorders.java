package org.odsharvester.report;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

/** Makes the outcome recorder of a run; one place knows the database and the meters. */
public class OutcomeRecorders {

    private final DataSource dataSource;
    private final MeterRegistry meterRegistry;

    public OutcomeRecorders(DataSource dataSource, MeterRegistry meterRegistry) {
        this.dataSource = dataSource;
        this.meterRegistry = meterRegistry;
    }

    public JdbcOutcomeRecorder forRun(long runId) {
        return new JdbcOutcomeRecorder(dataSource, runId, meterRegistry);
    }
}

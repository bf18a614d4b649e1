package org.odsharvester.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odsharvester.http.RemoteSystemException;
import org.odsharvester.report.DatasetOutcome;
import org.odsharvester.report.DatasetRejectedException;
import org.odsharvester.report.JdbcOutcomeRecorder;
import org.odsharvester.report.Outcome;
import org.odsharvester.report.OutcomeQueries;
import org.odsharvester.udata.UdataFixtures;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;

class RejectionSkipPolicyTest {

    private static final long RUN = 7;
    private DataSource ds;
    private JdbcOutcomeRecorder recorder;

    @BeforeEach
    void setUp() {
        ds = UdataFixtures.database();
        recorder = new JdbcOutcomeRecorder(ds, RUN, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    private RejectionSkipPolicy policy(int limit) {
        return new RejectionSkipPolicy(new OutcomeQueries(ds), RUN, limit);
    }

    private static DatasetRejectedException rejected(String id) {
        return new DatasetRejectedException(id, null, "dataset has no title");
    }

    private void recordRejected(String id) {
        recorder.record(new DatasetOutcome(id, null, Outcome.REJECTED, "dataset has no title", null));
    }

    @Test
    void rejectionsAreSkippedUpToTheLimitThenTheStepFails() {
        RejectionSkipPolicy policy = policy(2);

        assertThat(policy.shouldSkip(rejected("a"), 0)).isTrue();
        recordRejected("a");
        assertThat(policy.shouldSkip(rejected("b"), 1)).isTrue();
        recordRejected("b");

        assertThatThrownBy(() -> policy.shouldSkip(rejected("c"), 2)).isInstanceOf(SkipLimitExceededException.class)
                .hasCauseInstanceOf(DatasetRejectedException.class);
    }

    @Test
    void rejectionsOfEarlierExecutionsOfTheRunCount() {
        recordRejected("a"); // before a crash
        recordRejected("b");

        // a new execution: Spring Batch's own count starts again at 0, the run's does not
        assertThatThrownBy(() -> policy(2).shouldSkip(rejected("c"), 0)).isInstanceOf(SkipLimitExceededException.class);
    }

    @Test
    void aDatasetRejectedAgainAfterARestartIsNotCountedTwice() {
        recordRejected("a");
        recordRejected("b");

        assertThat(policy(2).shouldSkip(rejected("b"), 0)).isTrue();
    }

    @Test
    void otherRunsDoNotCount() {
        new JdbcOutcomeRecorder(ds, RUN - 1, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                .record(new DatasetOutcome("a", null, Outcome.REJECTED, "x", null));

        assertThat(policy(1).shouldSkip(rejected("b"), 0)).isTrue();
    }

    @Test
    void aLimitOfZeroToleratesNoRejection() {
        assertThatThrownBy(() -> policy(0).shouldSkip(rejected("a"), 0)).isInstanceOf(SkipLimitExceededException.class);
    }

    @Test
    void onlyRejectionsAreSkipped() {
        assertThat(policy(100).shouldSkip(new RemoteSystemException("udata down", 503, null), 0)).isFalse();
        assertThat(policy(100).shouldSkip(new IllegalStateException("bug"), 0)).isFalse();
        assertThat(policy(100).shouldSkip(new IllegalStateException("wrapped", rejected("a")), 0)).isTrue();
    }

    @Test
    void theSkippabilityQuestionBeforeAScanCountsNothing() {
        assertThat(policy(0).shouldSkip(rejected("a"), -1)).isTrue();
    }
}

package org.odsharvester.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odsharvester.InvalidConfigurationException;
import org.odsharvester.guard.RunInProgressException;
import org.odsharvester.http.RemoteSystemException;
import org.odsharvester.http.TransientHttpException;
import org.odsharvester.ods.OdsAccessDeniedException;
import org.odsharvester.ods.OdsException;
import org.odsharvester.ods.OdsQuotaExceededException;
import org.odsharvester.report.DatasetRejectedException;
import org.odsharvester.udata.UdataAccessDeniedException;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Whatever ended a run becomes the exit code of SPEC §2 and one sentence. */
class FailureClassifierTest {

    /** How Spring Batch hands a step failure over: wrapped. */
    private static RuntimeException inStep(Throwable cause) {
        return new IllegalStateException("Unable to process chunk", cause);
    }

    @Test
    void anExhaustedQuotaIsExit5WithTheClientsSentence() {
        FailureClassifier.Failure failure = FailureClassifier.classify(inStep(new OdsQuotaExceededException(
                "ODS portal https://p says its API quota is exhausted; it resets at 2026-03-02T00:00:00Z: relaunch the"
                        + " same command after that and the run resumes", "2026-03-02T00:00:00Z")));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.QUOTA_EXHAUSTED);
        assertThat(failure.sentence()).contains("2026-03-02T00:00:00Z").endsWith("resumes.");
    }

    @Test
    void refusedKeysAndInvalidOptionsAreExit2() {
        assertThat(FailureClassifier.classify(inStep(new OdsAccessDeniedException("ODS refused the key")))
                .exitCode()).isEqualTo(ExitCode.INVALID_CONFIGURATION);
        assertThat(FailureClassifier.classify(new UdataAccessDeniedException("udata rejected the API key", 401))
                .exitCode()).isEqualTo(ExitCode.INVALID_CONFIGURATION);
        FailureClassifier.Failure invalid = FailureClassifier.classify(
                new IllegalStateException(new InvalidConfigurationException("ods.url is required")));
        assertThat(invalid.exitCode()).isEqualTo(ExitCode.INVALID_CONFIGURATION);
        assertThat(invalid.sentence()).isEqualTo("ods.url is required");
    }

    @Test
    void anotherRunInProgressIsExit4() {
        FailureClassifier.Failure leased = FailureClassifier.classify(
                inStep(new RunInProgressException("Another harvest of p is in progress")));
        assertThat(leased.exitCode()).isEqualTo(ExitCode.ALREADY_RUNNING);
        assertThat(leased.exitCode().code()).as("SPEC §2: another run in progress").isEqualTo(4);
        assertThat(leased.sentence()).isEqualTo("Another harvest of p is in progress");
        FailureClassifier.Failure locked = FailureClassifier.classify(new IllegalStateException(new SQLException(
                "Database lock acquisition failure: lockFile: org.hsqldb.persist.LockFile@1[file =/d/jobrepo.lck]")));
        assertThat(locked.exitCode()).isEqualTo(ExitCode.ALREADY_RUNNING);
        assertThat(locked.sentence()).contains("Another process holds the job repository database")
                .doesNotContain("LockFile@");
    }

    @Test
    void tooManyRejectionsAreExit1WithASentenceNamingTheLimitAndTheLastReason() {
        SkipLimitExceededException limit = new SkipLimitExceededException(100,
                new DatasetRejectedException("velos", null, "udata refused it: license: invalid"));

        FailureClassifier.Failure failure = FailureClassifier.classify(inStep(limit));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(failure.sentence()).startsWith("More than 100 datasets were rejected (harvest.skip-limit=100)")
                .contains("The last one, velos: udata refused it: license: invalid.")
                .contains("raise harvest.skip-limit");
    }

    @Test
    void remoteFailuresAreExit1AndTheOutermostSentenceWins() {
        OdsException ods = new OdsException("ODS portal https://p answered HTTP 503 to /x (gave up after 4 attempts)",
                new TransientHttpException("ODS portal https://p answered HTTP 503 to /x", 503, null, null));

        FailureClassifier.Failure failure = FailureClassifier.classify(inStep(ods));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(failure.sentence()).isEqualTo("ODS portal https://p answered HTTP 503 to /x (gave up after 4"
                + " attempts); relaunch the same command to resume.");
        assertThat(FailureClassifier.classify(new RemoteSystemException("udata https://u did not answer", 0, null))
                .sentence()).isEqualTo("udata https://u did not answer; relaunch the same command to resume.");
    }

    @Test
    void aJobRepositoryFailureIsExit1WithItsCause() {
        FailureClassifier.Failure failure = FailureClassifier.classify(new IllegalStateException("context",
                new CannotGetJdbcConnectionException("no connection", new SQLException("unexpected token: THIS"))));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(failure.sentence()).isEqualTo("The job repository failed (SQLException: unexpected token: THIS);"
                + " check the database in harvest.data-dir (or spring.datasource.url) and relaunch the same command.");
    }

    @Test
    void anUnusableDataDirectoryIsExit1WithItsSentence() {
        FailureClassifier.Failure failure = FailureClassifier.classify(new IllegalStateException("bean creation",
                new org.odsharvester.guard.DataDirUnusableException("The data directory /d cannot be used (x)", null)));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(failure.sentence()).isEqualTo("The data directory /d cannot be used (x)");
    }

    @Test
    void theMostSpecificCauseWinsAcrossSeveralFailures() {
        List<Throwable> failures = List.of(new RemoteSystemException("udata down", 0, null),
                inStep(new OdsQuotaExceededException("quota", null)));

        assertThat(FailureClassifier.classify(failures).exitCode()).isEqualTo(ExitCode.QUOTA_EXHAUSTED);
    }

    @Test
    void anythingElseIsExit1NamingTheRootCause() {
        FailureClassifier.Failure failure = FailureClassifier.classify(inStep(new NullPointerException("boom")));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(failure.sentence()).isEqualTo("The harvest failed (NullPointerException: boom); relaunch the same"
                + " command to resume.");
    }
}

package org.odsharvester.launch;

import java.util.ArrayList;
import java.util.List;

import org.odsharvester.InvalidConfigurationException;
import org.odsharvester.guard.DataDirUnusableException;
import org.odsharvester.guard.RunInProgressException;
import org.odsharvester.http.RemoteSystemException;
import org.odsharvester.ods.OdsAccessDeniedException;
import org.odsharvester.ods.OdsException;
import org.odsharvester.ods.OdsNotAPortalException;
import org.odsharvester.ods.OdsQuotaExceededException;
import org.odsharvester.report.DatasetRejectedException;
import org.odsharvester.udata.UdataAccessDeniedException;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * Maps whatever ended a run — at start-up or inside the job — to an exit code and one sentence an
 * operator can act on. The sentence never contains a secret: it is built from our own exception
 * messages, which never include keys.
 */
public final class FailureClassifier {

    /** @param exitCode the code; @param sentence one sentence for the operator */
    public record Failure(ExitCode exitCode, String sentence) {
    }

    private FailureClassifier() {
    }

    public static Failure classify(Throwable failure) {
        return classify(List.of(failure));
    }

    /** The most specific cause wins: quota over access over configuration over anything else. */
    public static Failure classify(List<Throwable> failures) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null && !causes.contains(t); t = t.getCause()) {
                causes.add(t);
            }
        }
        for (Throwable t : causes) {
            if (t instanceof OdsQuotaExceededException quota) {
                // the client's message names the portal, the limit and the reset time, and says to relaunch
                return new Failure(ExitCode.QUOTA_EXHAUSTED, quota.getMessage() + ".");
            }
        }
        for (Throwable t : causes) {
            if (t instanceof OdsAccessDeniedException || t instanceof UdataAccessDeniedException
                    || t instanceof OdsNotAPortalException
                    || t instanceof InvalidConfigurationException) {
                return new Failure(ExitCode.INVALID_CONFIGURATION, t.getMessage());
            }
        }
        for (Throwable t : causes) {
            if (t instanceof BindException bind) {
                String property = bind.getProperty() == null ? "an option" : bind.getProperty().getName().toString();
                Throwable root = causes.get(causes.size() - 1);
                return new Failure(ExitCode.INVALID_CONFIGURATION,
                        "Invalid value for " + property + ": " + root.getMessage());
            }
        }
        for (Throwable t : causes) {
            if (t instanceof RunInProgressException) {
                return new Failure(ExitCode.ALREADY_RUNNING, t.getMessage());
            }
            if (t instanceof JobExecutionAlreadyRunningException) {
                return new Failure(ExitCode.ALREADY_RUNNING, "Another harvest of this source and target is in"
                        + " progress (" + t.getMessage() + "); nothing was done.");
            }
            if (isDatabaseLock(t)) {
                return new Failure(ExitCode.ALREADY_RUNNING, "Another process holds the job repository database"
                        + " (HSQLDB's lock file in harvest.data-dir is in use); nothing was done. Wait for it to end,"
                        + " or give this run its own --harvest.data-dir.");
            }
        }
        for (Throwable t : causes) {
            if (t instanceof SkipLimitExceededException limit) {
                String last = t.getCause() instanceof DatasetRejectedException rejected
                        ? " The last one, " + rejected.datasetId() + ": " + rejected.reason() + "." : "";
                return new Failure(ExitCode.FAILED, "More than " + limit.getSkipLimit() + " datasets were rejected"
                        + " (harvest.skip-limit=" + limit.getSkipLimit() + "), so the harvest stopped: when that many"
                        + " datasets are refused, the cause is usually the configuration (organization, license,"
                        + " target instance) rather than the data." + last + " Read the report, fix the cause and"
                        + " relaunch the same command to resume, or raise harvest.skip-limit.");
            }
        }
        for (Throwable t : causes) {
            // the outermost one: the ODS client's message says how many attempts were made
            if (t instanceof RemoteSystemException || t instanceof OdsException) {
                return new Failure(ExitCode.FAILED, t.getMessage() + "; relaunch the same command to resume.");
            }
        }
        for (Throwable t : causes) {
            if (t instanceof DataDirUnusableException) {
                return new Failure(ExitCode.FAILED, t.getMessage());
            }
        }
        for (Throwable t : causes) {
            if (isRepositoryFailure(t)) {
                Throwable root = causes.get(causes.size() - 1);
                return new Failure(ExitCode.FAILED, "The job repository failed (" + describe(root) + "); check the"
                        + " database in harvest.data-dir (or spring.datasource.url) and relaunch the same command.");
            }
        }
        Throwable root = causes.isEmpty() ? null : causes.get(causes.size() - 1);
        String what = root == null ? "unknown error" : describe(root);
        return new Failure(ExitCode.FAILED, "The harvest failed (" + what + "); relaunch the same command to resume.");
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The database under the job repository: unreachable, corrupted, full, read-only... */
    private static boolean isRepositoryFailure(Throwable t) {
        return t instanceof java.sql.SQLException || t instanceof org.springframework.dao.DataAccessException
                || t instanceof org.springframework.transaction.TransactionException
                || t.getClass().getName().startsWith("com.zaxxer.hikari.");
    }

    /** HSQLDB refuses a file database that another JVM holds: that JVM is a running harvest. */
    private static boolean isDatabaseLock(Throwable t) {
        String message = String.valueOf(t.getMessage());
        return message.contains("lockFile") || message.contains("Database lock acquisition failure");
    }
}
